"""Colours: recolouring, swapping and counting colours."""
from dsl import *


def solve_c8f0f002(I):
    # Orange (7) becomes grey (5).
    O = replace(I, SEVEN, FIVE)
    return O


def solve_b1948b0a(I):
    # Magenta (6) becomes red (2).
    O = replace(I, 6, 2)
    return O


def solve_0d3d703e(I):
    # Swap the colours of four pairs: 3-4, 1-5, 2-6, 8-9.
    x1 = switch(I, THREE, FOUR)
    x2 = switch(x1, ONE, FIVE)
    x3 = switch(x2, TWO, SIX)
    O = switch(x3, EIGHT, NINE)
    return O


def solve_5582e5ca(I):
    # A 3x3 canvas of the most common colour.
    x1 = mostcolor(I)
    O = canvas(x1, THREE_BY_THREE)
    return O


def solve_d631b094(I):
    # One row with a cell for every coloured cell of the input.
    x1 = palette(I)
    x2 = other(x1, ZERO)
    x3 = ofcolor(I, x2)
    x4 = size(x3)
    x5 = astuple(ONE, x4)
    O = canvas(x2, x5)
    return O


def solve_1cf80156(I):
    # Cut out the one object on the background.
    x1 = objects(I, T, T, T)
    x2 = first(x1)
    O = subgrid(x2, I)
    return O
