"""Objects: selecting, cropping, recolouring and counting objects by size, colour, shape and position."""
from dsl import *


def solve_be94b721(I):
    # Crop the largest object.
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    O = subgrid(x2, I)
    return O


def solve_1f85a75f(I):
    # Crop the largest object out of the noise.
    x1 = objects(I, T, T, T)
    x2 = argmax(x1, size)
    O = subgrid(x2, I)
    return O


def solve_6e82a1ae(I):
    # Recolour each grey object by its size: 4 -> blue, 3 -> red, 2 -> green.
    x1 = objects(I, T, F, T)
    x2 = lbind(subtract, FIVE)
    x3 = compose(x2, size)
    x4 = fork(recolor, x3, identity)
    x5 = mapply(x4, x1)
    O = paint(I, x5)
    return O


def solve_08ed6ac7(I):
    # Colour the bars 1, 2, 3, 4 from tallest to shortest.
    x1 = objects(I, T, F, T)
    x2 = compose(invert, size)
    x3 = order(x1, x2)
    x4 = interval(ONE, FIVE, ONE)
    x5 = papply(recolor, x4, x3)
    x6 = merge(x5)
    O = paint(I, x6)
    return O


def solve_a61f2674(I):
    # Keep only the tallest bar (blue) and the shortest bar (red).
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = argmin(x1, size)
    x4 = recolor(ONE, x2)
    x5 = recolor(TWO, x3)
    x6 = canvas(ZERO, shape(I))
    x7 = paint(x6, x4)
    O = paint(x7, x5)
    return O


def solve_aabf363d(I):
    # Recolour the shape with the colour of the corner pixel and drop the pixel.
    x1 = leastcolor(I)
    x2 = objects(I, T, F, T)
    x3 = argmax(x2, size)
    x4 = recolor(x1, x3)
    x5 = canvas(ZERO, shape(I))
    O = paint(x5, x4)
    return O


def solve_b230c067(I):
    # The smallest (odd) shape becomes red, the others blue.
    x1 = objects(I, T, T, T)
    x2 = argmin(x1, size)
    x3 = replace(I, EIGHT, ONE)
    O = fill(x3, TWO, x2)
    return O


def solve_d2abd087(I):
    # Objects of size six become red, all others blue.
    x1 = objects(I, T, F, T)
    x2 = sizefilter(x1, SIX)
    x3 = merge(x2)
    x4 = replace(I, FIVE, ONE)
    O = fill(x4, TWO, x3)
    return O


def solve_ea32f347(I):
    # Longest line blue, shortest red, the middle one yellow.
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = argmin(x1, size)
    x4 = replace(I, FIVE, FOUR)
    x5 = fill(x4, ONE, x2)
    O = fill(x5, TWO, x3)
    return O


def solve_67385a82(I):
    # Green objects bigger than one cell become cyan.
    x1 = objects(I, T, F, F)
    x2 = colorfilter(x1, THREE)
    x3 = rbind(greater, ONE)
    x4 = compose(x3, size)
    x5 = mfilter(x2, x4)
    O = fill(I, EIGHT, x5)
    return O


def solve_7f4411dc(I):
    # Keep only the cells with at least two same-coloured orthogonal neighbours.
    x1 = leastcolor(I)
    x2 = ofcolor(I, x1)
    x3 = lbind(intersection, x2)
    x4 = chain(size, x3, dneighbors)
    x5 = rbind(greater, ONE)
    x6 = compose(x5, x4)
    x7 = sfilter(x2, x6)
    x8 = canvas(ZERO, shape(I))
    O = fill(x8, x1, x7)
    return O


def solve_d5d6de2d(I):
    # Fill the inside of every box with green and erase the boxes.
    x1 = objects(I, T, F, T)
    x2 = mapply(delta, x1)
    x3 = replace(I, TWO, ZERO)
    O = fill(x3, THREE, x2)
    return O


def solve_810b9b61(I):
    # Closed rectangular loops become green.
    x1 = objects(I, T, F, T)
    x2 = fork(equality, toindices, box)
    x3 = compose(positive, compose(size, delta))
    x4 = fork(both, x2, x3)
    x5 = mfilter(x1, x4)
    O = fill(I, THREE, x5)
    return O


def solve_a3325580(I):
    # Colours of the largest objects, left to right, as columns as tall as their size.
    x1 = objects(I, T, F, T)
    x2 = valmax(x1, size)
    x3 = sizefilter(x1, x2)
    x4 = order(x3, leftmost)
    x5 = apply(color, x4)
    O = repeat(x5, x2)
    return O


def solve_a740d043(I):
    # Crop the coloured cells out of the blue background, which becomes black.
    x1 = fgpartition(I)
    x2 = merge(x1)
    x3 = replace(I, ONE, ZERO)
    O = subgrid(x2, x3)
    return O


def solve_b94a9452(I):
    # Crop the square and swap its two colours.
    x1 = objects(I, F, F, T)
    x2 = first(x1)
    x3 = subgrid(x2, I)
    x4 = leastcolor(x3)
    x5 = mostcolor(x3)
    O = switch(x3, x4, x5)
    return O


def solve_e8593010(I):
    # Recolour the black holes by size: 1 -> green, 2 -> red, 3 -> blue.
    x1 = objects(I, T, F, F)
    x2 = colorfilter(x1, ZERO)
    x3 = lbind(subtract, FOUR)
    x4 = compose(x3, size)
    x5 = fork(recolor, x4, identity)
    x6 = mapply(x5, x2)
    O = paint(I, x6)
    return O


def solve_c0f76784(I):
    # Fill each box's hole with a colour given by the hole's side: 1 -> 6, 2 -> 7, 3 -> 8.
    x1 = objects(I, T, F, T)
    x2 = lbind(add, FIVE)
    x3 = chain(x2, height, delta)
    x4 = fork(recolor, x3, delta)
    x5 = mapply(x4, x1)
    O = paint(I, x5)
    return O


def solve_694f12f3(I):
    # Paint the inside of the bigger square red and of the smaller one blue.
    x1 = objects(I, T, F, F)
    x2 = colorfilter(x1, FOUR)
    x3 = compose(backdrop, inbox)
    x4 = argmax(x2, size)
    x5 = argmin(x2, size)
    x6 = fill(I, TWO, x3(x4))
    O = fill(x6, ONE, x3(x5))
    return O


def solve_bb43febb(I):
    # Paint the inside of every grey rectangle red.
    x1 = objects(I, T, F, F)
    x2 = compose(backdrop, inbox)
    x3 = colorfilter(x1, FIVE)
    x4 = mapply(x2, x3)
    O = fill(I, TWO, x4)
    return O


def solve_50cb2852(I):
    # Paint the inside of every rectangle cyan.
    x1 = objects(I, T, F, T)
    x2 = compose(backdrop, inbox)
    x3 = mapply(x2, x1)
    O = fill(grid=I, value=EIGHT, patch=x3)
    return O


def solve_6d75e8bb(I):
    # Fill the empty cells of the shape's bounding box with red.
    x1 = objects(I, T, T, T)
    x2 = merge(x1)
    x3 = delta(x2)
    O = fill(I, TWO, x3)
    return O


def solve_60b61512(I):
    # Fill the empty cells of each shape's bounding box with orange.
    x1 = objects(I, T, T, T)
    x2 = mapply(delta, x1)
    O = fill(I, SEVEN, x2)
    return O


def solve_23b5c85d(I):
    # Crop the smallest rectangle.
    x1 = objects(I, T, F, T)
    x2 = argmin(x1, size)
    O = subgrid(x2, I)
    return O


def solve_25ff71a9(I):
    # Move the shape down by one row.
    x1 = objects(I, F, T, T)
    x2 = merge(x1)
    O = move(I, x2, DOWN)
    return O


def solve_72ca375d(I):
    # Crop the object that is left-right symmetric.
    x1 = objects(I, T, T, T)
    x2 = rbind(subgrid, I)
    x3 = fork(equality, identity, vmirror)
    x4 = compose(x3, x2)
    x5 = extract(x1, x4)
    O = x2(x5)
    return O


def solve_5521c0d9(I):
    # Lift every object by its own height.
    x1 = objects(I, T, F, T)
    x2 = chain(toivec, invert, height)
    x3 = fork(shift, identity, x2)
    x4 = mapply(x3, x1)
    x5 = merge(x1)
    x6 = cover(I, x5)
    O = paint(x6, x4)
    return O
