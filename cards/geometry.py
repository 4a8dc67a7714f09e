"""Geometry: mirrors, rotations, concatenation and scaling of the whole grid."""
from dsl import *


def solve_67a3c6ac(I):
    # Mirror the grid left to right.
    O = vmirror(I)
    return O


def solve_68b16354(I):
    # Mirror the grid top to bottom.
    O = hmirror(I)
    return O


def solve_74dd1130(I):
    # Transpose the grid along its main diagonal.
    O = dmirror(I)
    return O


def solve_9dfd6313(I):
    # Transpose the grid (the same step as 74dd1130, evaluated once).
    O = dmirror(I)
    return O


def solve_3c9b0459(I):
    # Turn the grid half a turn.
    O = rot180(I)
    return O


def solve_6150a2bd(I):
    # Turn the grid half a turn, as two quarter turns.
    x1 = rot90(I)
    O = rot90(x1)
    return O


def solve_ed36ccf7(I):
    # Turn the grid a quarter turn anticlockwise: three quarter turns clockwise.
    x1 = power(rot90, THREE)
    O = x1(I)
    return O


def solve_a416b8f3(I):
    # Put the grid twice side by side.
    O = hconcat(I, I)
    return O


def solve_c9e6f938(I):
    # The grid, then its mirror image, side by side: both views from one rapply.
    x1 = astuple(identity, vmirror)
    x2 = rapply(x1, I)
    x3 = first(x2)
    x4 = last(x2)
    O = hconcat(x3, x4)
    return O


def solve_6d0aefbc(I):
    # The same picture as c9e6f938, by a callable bound to a variable.
    x1 = lbind(hconcat, I)
    x2 = vmirror(I)
    O = x1(x2)
    return O


def solve_8be77c9e(I):
    # The grid above its upside-down image, as the merged rows of one vconcat.
    x1 = hmirror(I)
    x2 = repeat(I, ONE)
    x3 = repeat(x1, ONE)
    O = mpapply(vconcat, x2, x3)
    return O


def solve_f25ffba3(I):
    # Complete the symmetry: the bottom half mirrored above itself.
    x1 = bottomhalf(I)
    x2 = hmirror(x1)
    O = vconcat(x2, x1)
    return O


def solve_9172f3a0(I):
    # Scale every cell up to a 3x3 block.
    O = upscale(I, THREE)
    return O


def solve_c59eb873(I):
    # Scale every cell up to a 2x2 block, with a keyword argument.
    O = upscale(element=I, factor=TWO)
    return O
