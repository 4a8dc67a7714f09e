"""Scaling, tiling and movement: upscale, downscale, tile copies, crop and split grids, shift objects, draw lines."""
from dsl import *


def solve_007bbfb7(I):
    # Tile the grid 3x3 and keep each tile only where the upscaled input is coloured.
    x1 = upscale(I, THREE)
    x2 = hconcat(I, I)
    x3 = hconcat(x2, I)
    x4 = vconcat(x3, x3)
    x5 = vconcat(x4, x3)
    O = cellwise(x1, x5, ZERO)
    return O


def solve_c3e719e8(I):
    # Tile the grid 3x3 and blank every tile whose input cell is not the most common colour.
    x1 = mostcolor(I)
    x2 = upscale(I, THREE)
    x3 = hconcat(I, I)
    x4 = hconcat(x3, I)
    x5 = vconcat(x4, x4)
    x6 = vconcat(x5, x4)
    x7 = ofcolor(x2, x1)
    x8 = asindices(x2)
    x9 = difference(x8, x7)
    O = fill(x6, ZERO, x9)
    return O


def solve_cce03e0d(I):
    # Put a copy of the grid in each 3x3 block whose input cell is red.
    x1 = upscale(element=I, factor=THREE)
    x2 = ofcolor(x1, TWO)
    x3 = hconcat(I, I)
    x4 = hconcat(x3, I)
    x5 = vconcat(x4, x4)
    x6 = vconcat(x5, x4)
    x7 = toobject(x2, x6)
    x8 = shape(x6)
    x9 = canvas(ZERO, x8)
    O = paint(x9, x7)
    return O


def solve_2dee498d(I):
    # Keep the first of three repeated horizontal copies.
    x1 = hsplit(I, THREE)
    O = first(x1)
    return O


def solve_7b7f7511(I):
    # Keep one of the two repeated halves, along the longer side.
    x1 = portrait(I)
    x2 = tophalf(I)
    x3 = lefthalf(I)
    O = branch(x1, x2, x3)
    return O


def solve_5614dbcf(I):
    # Remove grey noise and shrink each 3x3 block to one cell.
    x1 = replace(I, FIVE, ZERO)
    O = downscale(x1, THREE)
    return O


def solve_ac0a08a4(I):
    # Upscale by the number of non-background colours.
    x1 = palette(I)
    x2 = size(x1)
    x3 = decrement(x2)
    O = upscale(I, x3)
    return O


def solve_b91ae062(I):
    # Upscale by the number of non-background colours.
    x1 = compose(decrement, numcolors)
    x2 = x1(I)
    O = upscale(I, x2)
    return O


def solve_d10ecb37(I):
    # Crop the top-left 2x2 corner.
    O = crop(I, ORIGIN, TWO_BY_TWO)
    return O


def solve_5bd6f4ac(I):
    # Crop the top-right 3x3 corner.
    x1 = tojvec(SIX)
    O = crop(I, x1, THREE_BY_THREE)
    return O


def solve_a87f7484(I):
    # Keep the tile whose colour covers an unusual number of cells.
    x1 = partition(I)
    x2 = compose(positive, color)
    x3 = sfilter(x1, x2)
    x4 = totuple(x3)
    x5 = apply(size, x4)
    x6 = leastcommon(x5)
    x7 = sizefilter(x3, x6)
    x8 = first(x7)
    O = subgrid(x8, I)
    return O


def solve_f5b8619d(I):
    # Drop azure columns below every coloured cell, then tile the grid 2x2.
    x1 = ofcolor(I, ZERO)
    x2 = asindices(I)
    x3 = difference(x2, x1)
    x4 = mapply(vfrontier, x3)
    x5 = underfill(I, EIGHT, x4)
    x6 = hconcat(x5, x5)
    O = vconcat(x6, x6)
    return O


def solve_d13f3404(I):
    # On a doubled canvas, extend every coloured cell down-right diagonally.
    x1 = shape(I)
    x2 = double(x1)
    x3 = canvas(ZERO, x2)
    x4 = fgpartition(I)
    x5 = rbind(shoot, UNITY)
    x6 = lbind(mapply, x5)
    x7 = compose(x6, toindices)
    x8 = fork(recolor, color, x7)
    x9 = mapply(x8, x4)
    O = paint(x3, x9)
    return O


def solve_bbc9ae5d(I):
    # Grow the coloured run by one cell on each new row, for half the width in rows.
    x1 = width(I)
    x2 = halve(x1)
    x3 = astuple(x2, x1)
    x4 = canvas(ZERO, x3)
    x5 = palette(I)
    x6 = other(x5, ZERO)
    x7 = ofcolor(I, x6)
    x8 = mapply(rbind(shoot, UNITY), x7)
    x9 = mapply(rbind(shoot, DOWN), x8)
    O = fill(x4, x6, x9)
    return O


def solve_feca6190(I):
    # Shoot each coloured cell up-right from the bottom row of a square of side five per colour.
    x1 = fgpartition(I)
    x2 = size(x1)
    x3 = multiply(x2, FIVE)
    x4 = astuple(x3, x3)
    x5 = canvas(ZERO, x4)
    x6 = decrement(x3)
    x7 = toivec(x6)
    x8 = rbind(shift, x7)
    x9 = apply(x8, x1)
    x10 = rbind(shoot, UP_RIGHT)
    x11 = compose(x10, ulcorner)
    x12 = fork(recolor, color, x11)
    x13 = mapply(x12, x9)
    O = paint(x5, x13)
    return O


def solve_963e52fc(I):
    # Double the width, continuing the horizontal period of the pattern.
    x1 = asobject(I)
    x2 = hperiod(x1)
    x3 = width(I)
    x4 = divide(x3, x2)
    x5 = multiply(x4, x2)
    x6 = tojvec(x5)
    x7 = shift(x1, x6)
    x8 = add(x5, x2)
    x9 = tojvec(x8)
    x10 = shift(x1, x9)
    x11 = hconcat(I, I)
    x12 = paint(x11, x7)
    O = paint(x12, x10)
    return O


def solve_8d5021e8(I):
    # Mirror the grid left, then stack flipped, plain and flipped copies.
    x1 = vmirror(I)
    x2 = hconcat(x1, I)
    x3 = hmirror(x2)
    x4 = vconcat(x3, x2)
    O = vconcat(x4, x3)
    return O


def solve_4522001f(I):
    # Upscale the red cell and its diagonal green neighbour by four on a 9x9 canvas.
    x1 = ofcolor(I, TWO)
    x2 = ofcolor(I, THREE)
    x3 = mapply(ineighbors, x1)
    x4 = intersection(x3, x2)
    x5 = combine(x1, x4)
    x6 = recolor(THREE, x5)
    x7 = upscale(x6, FOUR)
    x8 = astuple(NINE, NINE)
    x9 = canvas(ZERO, x8)
    O = paint(x9, x7)
    return O


def solve_05f2a901(I):
    # Slide the red shape toward the azure block until they touch.
    x1 = ofcolor(I, TWO)
    x2 = toobject(x1, I)
    x3 = ofcolor(I, EIGHT)
    x4 = gravitate(x2, x3)
    O = move(I, x2, x4)
    return O


def solve_dc433765(I):
    # Move the green cell one step toward the yellow cell.
    x1 = ofcolor(I, THREE)
    x2 = toobject(x1, I)
    x3 = ofcolor(I, FOUR)
    x4 = position(x1, x3)
    O = move(I, x2, x4)
    return O


def solve_a79310a0(I):
    # Shift the azure shape down one row and paint it red.
    x1 = ofcolor(I, EIGHT)
    x2 = shift(x1, DOWN)
    x3 = replace(I, EIGHT, ZERO)
    O = fill(x3, TWO, x2)
    return O


def solve_3906de3d(I):
    # Push each red column segment up until it meets the blue shape.
    x1 = ofcolor(I, ONE)
    x2 = ofcolor(I, TWO)
    x3 = lbind(intersection, x2)
    x4 = compose(x3, vfrontier)
    x5 = apply(x4, x2)
    x6 = compose(vfrontier, ulcorner)
    x7 = lbind(intersection, x1)
    x8 = compose(x7, x6)
    x9 = compose(lowermost, x8)
    x10 = compose(increment, x9)
    x11 = fork(subtract, x10, uppermost)
    x12 = compose(toivec, x11)
    x13 = fork(shift, identity, x12)
    x14 = mapply(x13, x5)
    x15 = fill(I, ZERO, x2)
    O = fill(x15, TWO, x14)
    return O


def solve_1e0a9b12(I):
    # Let every coloured cell fall to the bottom of its column.
    x1 = ofcolor(I, ZERO)
    x2 = asindices(I)
    x3 = difference(x2, x1)
    x4 = asobject(I)
    x5 = compose(positive, first)
    x6 = sfilter(x4, x5)
    x7 = apply(initset, x6)
    x8 = height(I)
    x9 = compose(rbind(shoot, DOWN), ulcorner)
    x10 = compose(lbind(intersection, x3), x9)
    x11 = compose(size, x10)
    x12 = compose(lbind(subtract, x8), x11)
    x13 = fork(subtract, x12, uppermost)
    x14 = compose(toivec, x13)
    x15 = fork(shift, identity, x14)
    x16 = mapply(x15, x7)
    x17 = shape(I)
    x18 = canvas(ZERO, x17)
    O = paint(x18, x16)
    return O


def solve_178fcbfb(I):
    # Draw red columns through red cells, then rows through the other colours.
    x1 = ofcolor(I, TWO)
    x2 = mapply(vfrontier, x1)
    x3 = fill(I, TWO, x2)
    x4 = fgpartition(I)
    x5 = colorfilter(x4, TWO)
    x6 = difference(x4, x5)
    x7 = lbind(mapply, hfrontier)
    x8 = compose(x7, toindices)
    x9 = fork(recolor, color, x8)
    x10 = mapply(x9, x6)
    O = paint(x3, x10)
    return O


def solve_23581191(I):
    # Draw a cross through each of the two cells and mark the crossings red.
    x1 = fork(combine, vfrontier, hfrontier)
    x2 = ofcolor(I, EIGHT)
    x3 = mapply(x1, x2)
    x4 = ofcolor(I, SEVEN)
    x5 = mapply(x1, x4)
    x6 = fill(I, EIGHT, x3)
    x7 = fill(x6, SEVEN, x5)
    x8 = intersection(x3, x5)
    O = fill(x7, TWO, x8)
    return O


def solve_a2fd1cf0(I):
    # Join the red cell to the green cell with an azure elbow, row first.
    x1 = ofcolor(I, TWO)
    x2 = first(x1)
    x3 = ofcolor(I, THREE)
    x4 = first(x3)
    x5 = astuple(first(x2), last(x4))
    x6 = connect(x2, x5)
    x7 = connect(x5, x4)
    x8 = combine(x6, x7)
    O = underfill(I, EIGHT, x8)
    return O


def solve_d4a91cb9(I):
    # Join the azure cell to the red cell with a yellow elbow, column first.
    x1 = ofcolor(I, EIGHT)
    x2 = first(x1)
    x3 = ofcolor(I, TWO)
    x4 = first(x3)
    x5 = first(x4)
    x6 = last(x2)
    x7 = astuple(x5, x6)
    x8 = connect(x2, x7)
    x9 = connect(x7, x4)
    x10 = combine(x8, x9)
    O = underfill(I, FOUR, x10)
    return O


def solve_0b148d64(I):
    # Crop the quadrant drawn in the rarest colour.
    x1 = fgpartition(I)
    x2 = argmin(x1, size)
    O = subgrid(x2, I)
    return O


def solve_22eb0ac0(I):
    # Fill each row whose two end cells share a colour.
    x1 = fgpartition(I)
    x2 = lbind(prapply, connect)
    x3 = fork(x2, toindices, toindices)
    x4 = rbind(mfilter, hline)
    x5 = compose(x4, x3)
    x6 = fork(recolor, color, x5)
    x7 = mapply(x6, x1)
    O = paint(I, x7)
    return O


def solve_1f876c06(I):
    # Join each pair of same-coloured cells with a diagonal line.
    x1 = fgpartition(I)
    x2 = fork(connect, first, last)
    x3 = compose(x2, toindices)
    x4 = fork(recolor, color, x3)
    x5 = mapply(x4, x1)
    O = paint(I, x5)
    return O


def solve_40853293(I):
    # Join same-coloured pairs with lines, vertical lines drawn over horizontal ones.
    x1 = fgpartition(I)
    x2 = fork(connect, first, last)
    x3 = compose(x2, toindices)
    x4 = fork(recolor, color, x3)
    x5 = apply(x4, x1)
    x6 = mfilter(x5, hline)
    x7 = mfilter(x5, vline)
    x8 = paint(I, x6)
    O = paint(x8, x7)
    return O


def solve_ded97339(I):
    # Join every pair of azure cells sharing a row or a column.
    x1 = ofcolor(I, EIGHT)
    x2 = prapply(connect, x1, x1)
    x3 = fork(either, hline, vline)
    x4 = mfilter(x2, x3)
    O = fill(I, EIGHT, x4)
    return O


def solve_dbc1a6ce(I):
    # Join blue cells sharing a row or a column with azure lines.
    x1 = ofcolor(I, ONE)
    x2 = lbind(prapply, connect)
    x3 = x2(x1, x1)
    x4 = sfilter(x3, vline)
    x5 = sfilter(x3, hline)
    x6 = combine(x4, x5)
    x7 = merge(x6)
    O = underfill(I, EIGHT, x7)
    return O


def solve_6cdd2623(I):
    # Keep only the colour whose cells all lie on the border, as lines across the grid.
    x1 = fgpartition(I)
    x2 = asindices(I)
    x3 = box(x2)
    x4 = rbind(difference, x3)
    x5 = compose(x4, toindices)
    x6 = compose(flip, x5)
    x7 = extract(x1, x6)
    x8 = toindices(x7)
    x9 = vfrontier(ORIGIN)
    x10 = intersection(x8, x9)
    x11 = mapply(hfrontier, x10)
    x12 = hfrontier(ORIGIN)
    x13 = intersection(x8, x12)
    x14 = mapply(vfrontier, x13)
    x15 = combine(x11, x14)
    x16 = shape(I)
    x17 = canvas(ZERO, x16)
    x18 = color(x7)
    O = fill(x17, x18, x15)
    return O
