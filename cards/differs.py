"""Differs: how far a candidate output I is from the expected output C.

Every differ is 0 when I equals C and grows as I moves away from C
(higher means further).
"""
from dsl import *


def differ_cells(S, I, C):
    # Cells whose colour differs when the shapes agree; all cells of both when they do not.
    x1 = shape(I)
    x2 = shape(C)
    x3 = equality(x1, x2)
    x4 = asobject(I)
    x5 = asobject(C)
    x6 = difference(x4, x5)
    x7 = size(x6)
    x8 = size(x4)
    x9 = size(x5)
    x10 = add(x8, x9)
    O = branch(x3, x7, x10)
    return O


def differ_shape(S, I, C):
    # Rows plus columns between the two shapes.
    x1 = shape(I)
    x2 = shape(C)
    x3 = subtract(x1, x2)
    x4 = sign(x3)
    x5 = multiply(x3, x4)
    x6 = fork(add, first, last)
    O = x6(x5)
    return O


def differ_palette(S, I, C):
    # Colours present in one grid and not in the other.
    x1 = palette(I)
    x2 = palette(C)
    x3 = difference(x1, x2)
    x4 = difference(x2, x1)
    x5 = size(x3)
    x6 = size(x4)
    O = add(x5, x6)
    return O


def differ_objects(S, I, C):
    # Difference in the number of single-colour objects on the background.
    x1 = objects(I, T, F, T)
    x2 = objects(C, T, F, T)
    x3 = size(x1)
    x4 = size(x2)
    x5 = subtract(x3, x4)
    x6 = sign(x5)
    O = multiply(x5, x6)
    return O


def differ_histogram(S, I, C):
    # Sum over the ten colours of the difference of their cell counts.
    x1 = interval(ZERO, TEN, ONE)
    x2 = lbind(colorcount, I)
    x3 = lbind(colorcount, C)
    x4 = fork(subtract, x2, x3)
    x5 = apply(x4, x1)
    x6 = fork(multiply, identity, sign)
    x7 = apply(x6, x5)
    x8 = lbind(repeat, ZERO)
    x9 = apply(x8, x7)
    x10 = merge(x9)
    O = size(x10)
    return O
