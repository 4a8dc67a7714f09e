"""Symmetry completion and pattern continuation: mirror halves, complete symmetric pictures, extend repeats."""
from dsl import *


def solve_3af2c5a8(I):
    # Mirror the grid to the right, then mirror that strip downward.
    x1 = vmirror(I)
    x2 = hconcat(I, x1)
    x3 = hmirror(x2)
    O = vconcat(x2, x3)
    return O


def solve_62c24649(I):
    # Build a four-fold mirrored picture from the grid in the top-left quadrant.
    x1 = fork(hconcat, identity, vmirror)
    x2 = fork(vconcat, identity, hmirror)
    x3 = compose(x2, x1)
    O = x3(I)
    return O


def solve_67e8384a(I):
    # Complete a four-way mirror image whose top-left quarter is the input.
    x1 = vmirror(I)
    x2 = hconcat(I, x1)
    x3 = hmirror(x2)
    O = vconcat(x2, x3)
    return O


def solve_46442a0e(I):
    # Tile the grid with its four quarter-turn rotations, turning clockwise.
    x1 = rot90(I)
    x2 = rot180(I)
    x3 = rot270(I)
    x4 = hconcat(I, x1)
    x5 = hconcat(x3, x2)
    O = vconcat(x4, x5)
    return O


def solve_7fe24cdd(I):
    # Arrange rotated copies into a pinwheel twice the size.
    x1 = fork(hconcat, identity, rot90)
    x2 = x1(I)
    x3 = rot180(x2)
    O = vconcat(a=x2, b=x3)
    return O


def solve_4c4377d9(I):
    # Stack the upside-down grid on top of the grid.
    x1 = hmirror(I)
    O = vconcat(x1, I)
    return O


def solve_6fa7a44f(I):
    # Stack the grid on top of its upside-down copy.
    x1 = hmirror(I)
    O = vconcat(I, x1)
    return O


def solve_496994bd(I):
    # Reflect the coloured top rows into the empty bottom half.
    x1 = tophalf(I)
    x2 = hmirror(x1)
    O = vconcat(x1, x2)
    return O


def solve_28bf18c6(I):
    # Crop the single shape and repeat it side by side.
    x1 = objects(I, T, T, T)
    x2 = first(x1)
    x3 = subgrid(x2, I)
    O = hconcat(x3, x3)
    return O


def solve_3631a71a(I):
    # Erase the maroon masks and refill them from the picture's diagonal and offset mirror symmetries.
    x1 = replace(I, NINE, ZERO)
    x2 = dmirror(x1)
    x3 = asobject(x2)
    x4 = underpaint(x1, x3)
    x5 = vmirror(x4)
    x6 = asobject(x5)
    x7 = shift(x6, ZERO_BY_TWO)
    x8 = underpaint(x4, x7)
    x9 = hmirror(x8)
    x10 = asobject(x9)
    x11 = shift(x10, TWO_BY_ZERO)
    O = underpaint(x8, x11)
    return O


def solve_9ecd008a(I):
    # Read the hidden black patch off the left-right mirror image of the symmetric picture.
    x1 = vmirror(I)
    x2 = ofcolor(I, ZERO)
    O = subgrid(x2, x1)
    return O


def solve_b8825c91(I):
    # Overwrite the yellow blots with the colours their mirror cells hold.
    x1 = matcher(first, FOUR)
    x2 = compose(flip, x1)
    x3 = rbind(sfilter, x2)
    x4 = compose(x3, asobject)
    x5 = vmirror(I)
    x6 = x4(x5)
    x7 = paint(I, x6)
    x8 = hmirror(x7)
    x9 = x4(x8)
    x10 = paint(x7, x9)
    x11 = dmirror(x10)
    x12 = x4(x11)
    O = paint(x10, x12)
    return O


def solve_f25fbde4(I):
    # Crop the yellow shape and blow it up to double size.
    x1 = ofcolor(I, FOUR)
    x2 = subgrid(x1, I)
    O = upscale(element=x2, factor=TWO)
    return O


def solve_017c7c7b(I):
    # Continue the vertical repeat of the blue pattern to nine rows and turn it red.
    x1 = asobject(I)
    x2 = vperiod(x1)
    x3 = toivec(x2)
    x4 = double(x3)
    x5 = astuple(NINE, THREE)
    x6 = canvas(ZERO, x5)
    x7 = paint(x6, x1)
    x8 = shift(x1, x3)
    x9 = paint(x7, x8)
    x10 = shift(x1, x4)
    x11 = paint(x9, x10)
    O = replace(x11, ONE, TWO)
    return O


def solve_8eb1be9a(I):
    # Repeat the coloured band up and down the whole grid at its own height.
    x1 = objects(I, T, T, T)
    x2 = merge(x1)
    x3 = height(x2)
    x4 = height(I)
    x5 = invert(x4)
    x6 = interval(x5, x4, ONE)
    x7 = rbind(multiply, x3)
    x8 = compose(toivec, x7)
    x9 = apply(x8, x6)
    x10 = lbind(shift, x2)
    x11 = mapply(x10, x9)
    O = paint(I, x11)
    return O


def solve_484b58aa(I):
    # Fill the black holes by repeating the wallpaper tile over its row and column periods.
    x1 = height(I)
    x2 = vsplit(I, x1)
    x3 = lbind(contained, ZERO)
    x4 = compose(x3, palette)
    x5 = compose(flip, x4)
    x6 = sfilter(x2, x5)
    x7 = compose(hperiod, asobject)
    x8 = valmax(x6, x7)
    x9 = dmirror(I)
    x10 = vsplit(x9, x1)
    x11 = sfilter(x10, x5)
    x12 = valmax(x11, x7)
    x13 = interval(ZERO, x1, x12)
    x14 = apply(invert, x13)
    x15 = combine(x13, x14)
    x16 = interval(ZERO, x1, x8)
    x17 = apply(invert, x16)
    x18 = combine(x16, x17)
    x19 = product(x15, x18)
    x20 = asobject(I)
    x21 = matcher(first, ZERO)
    x22 = compose(flip, x21)
    x23 = sfilter(x20, x22)
    x24 = lbind(shift, x23)
    x25 = mapply(x24, x19)
    O = paint(I, x25)
    return O


def solve_29ec7d0e(I):
    # Restore the modular multiplication-table tiling under the black patches.
    x1 = height(I)
    x2 = vsplit(I, x1)
    x3 = lbind(contained, ZERO)
    x4 = compose(x3, palette)
    x5 = compose(flip, x4)
    x6 = sfilter(x2, x5)
    x7 = compose(hperiod, asobject)
    x8 = valmax(x6, x7)
    x9 = dmirror(I)
    x10 = vsplit(x9, x1)
    x11 = sfilter(x10, x5)
    x12 = valmax(x11, x7)
    x13 = interval(ZERO, x1, x12)
    x14 = apply(invert, x13)
    x15 = combine(x13, x14)
    x16 = interval(ZERO, x1, x8)
    x17 = apply(invert, x16)
    x18 = combine(x16, x17)
    x19 = product(x15, x18)
    x20 = asobject(I)
    x21 = matcher(first, ZERO)
    x22 = compose(flip, x21)
    x23 = sfilter(x20, x22)
    x24 = lbind(shift, x23)
    x25 = mapply(x24, x19)
    O = paint(I, x25)
    return O


def solve_0dfd9992(I):
    # Patch the black gaps of the periodic carpet with copies shifted by whole periods.
    x1 = height(I)
    x2 = vsplit(I, x1)
    x3 = lbind(contained, ZERO)
    x4 = compose(x3, palette)
    x5 = compose(flip, x4)
    x6 = sfilter(x2, x5)
    x7 = compose(hperiod, asobject)
    x8 = valmax(x6, x7)
    x9 = dmirror(I)
    x10 = vsplit(x9, x1)
    x11 = sfilter(x10, x5)
    x12 = valmax(x11, x7)
    x13 = interval(ZERO, x1, x12)
    x14 = apply(invert, x13)
    x15 = combine(x13, x14)
    x16 = interval(ZERO, x1, x8)
    x17 = apply(invert, x16)
    x18 = combine(x16, x17)
    x19 = product(x15, x18)
    x20 = asobject(I)
    x21 = matcher(first, ZERO)
    x22 = compose(flip, x21)
    x23 = sfilter(x20, x22)
    x24 = lbind(shift, x23)
    x25 = mapply(x24, x19)
    O = paint(I, x25)
    return O


def solve_c3f564a4(I):
    # Complete the diagonal colour-cycle pattern wherever black squares cover it.
    x1 = height(I)
    x2 = vsplit(I, x1)
    x3 = lbind(contained, ZERO)
    x4 = compose(x3, palette)
    x5 = compose(flip, x4)
    x6 = sfilter(x2, x5)
    x7 = compose(hperiod, asobject)
    x8 = valmax(x6, x7)
    x9 = dmirror(I)
    x10 = vsplit(x9, x1)
    x11 = sfilter(x10, x5)
    x12 = valmax(x11, x7)
    x13 = interval(ZERO, x1, x12)
    x14 = apply(invert, x13)
    x15 = combine(x13, x14)
    x16 = interval(ZERO, x1, x8)
    x17 = apply(invert, x16)
    x18 = combine(x16, x17)
    x19 = product(x15, x18)
    x20 = asobject(I)
    x21 = matcher(first, ZERO)
    x22 = compose(flip, x21)
    x23 = sfilter(x20, x22)
    x24 = lbind(shift, x23)
    x25 = mapply(x24, x19)
    O = paint(I, x25)
    return O


def solve_e9afcf9a(I):
    # Swap the two stripe colours in every other column to weave a checkerboard.
    x1 = asindices(I)
    x2 = compose(even, last)
    x3 = compose(flip, x2)
    x4 = sfilter(x1, x3)
    x5 = hmirror(I)
    x6 = toobject(x4, x5)
    O = paint(I, x6)
    return O


def solve_8d510a79(I):
    # Grow red dots toward the grey wall and blue dots away from it to the border.
    x1 = ofcolor(I, FIVE)
    x2 = uppermost(x1)
    x3 = lbind(astuple, x2)
    x4 = compose(x3, last)
    x5 = fork(connect, identity, x4)
    x6 = ofcolor(I, TWO)
    x7 = mapply(x5, x6)
    x8 = underfill(I, TWO, x7)
    x9 = rbind(subtract, x2)
    x10 = chain(toivec, sign, x9)
    x11 = compose(x10, first)
    x12 = fork(shoot, identity, x11)
    x13 = ofcolor(I, ONE)
    x14 = mapply(x12, x13)
    O = underfill(x8, ONE, x14)
    return O


def solve_a3df8b1e(I):
    # Bounce a diagonal ray from the blue corner cell between the side walls up to the top.
    x1 = ofcolor(I, ONE)
    x2 = first(x1)
    x3 = width(I)
    x4 = decrement(x3)
    x5 = double(x4)
    x6 = height(I)
    x7 = interval(ZERO, x6, x5)
    x8 = compose(toivec, invert)
    x9 = apply(x8, x7)
    x10 = lbind(add, x2)
    x11 = apply(x10, x9)
    x12 = rbind(shoot, UP_RIGHT)
    x13 = rbind(shoot, UNITY)
    x14 = fork(combine, x12, x13)
    x15 = mapply(x14, x11)
    O = fill(I, ONE, x15)
    return O


def solve_f9012d9b(I):
    # Rebuild the periodic tiling under the black hole and return the hidden patch.
    x1 = height(I)
    x2 = width(I)
    x3 = vsplit(I, x1)
    x4 = lbind(contained, ZERO)
    x5 = compose(x4, palette)
    x6 = compose(flip, x5)
    x7 = sfilter(x3, x6)
    x8 = compose(hperiod, asobject)
    x9 = valmax(x7, x8)
    x10 = dmirror(I)
    x11 = vsplit(x10, x2)
    x12 = sfilter(x11, x6)
    x13 = valmax(x12, x8)
    x14 = interval(ZERO, x1, x13)
    x15 = apply(invert, x14)
    x16 = combine(x14, x15)
    x17 = interval(ZERO, x2, x9)
    x18 = apply(invert, x17)
    x19 = combine(x17, x18)
    x20 = product(x16, x19)
    x21 = asobject(I)
    x22 = matcher(first, ZERO)
    x23 = compose(flip, x22)
    x24 = sfilter(x21, x23)
    x25 = lbind(shift, x24)
    x26 = mapply(x25, x20)
    x27 = paint(I, x26)
    x28 = ofcolor(I, ZERO)
    O = subgrid(x28, x27)
    return O


def solve_73251a56(I):
    # Copy the transposed picture into the black holes, then repaint the diagonal and its neighbours.
    x1 = matcher(first, ZERO)
    x2 = compose(flip, x1)
    x3 = dmirror(I)
    x4 = asobject(x3)
    x5 = sfilter(x4, x2)
    x6 = paint(I, x5)
    x7 = shoot(ORIGIN, UNITY)
    x8 = ofcolor(x6, ZERO)
    x9 = intersection(x7, x8)
    x10 = index(I, ORIGIN)
    x11 = fill(x6, x10, x9)
    x12 = mostcolor(I)
    O = replace(x11, ZERO, x12)
    return O


def solve_4938f0c2(I):
    # Reflect the red motif into all four quadrants around the green square.
    x1 = ofcolor(I, THREE)
    x2 = ulcorner(x1)
    x3 = ofcolor(I, TWO)
    x4 = shape(x3)
    x5 = subtract(x2, x4)
    x6 = double(x4)
    x7 = add(x6, TWO)
    x8 = crop(I, x5, x7)
    x9 = vmirror(x8)
    x10 = asobject(x9)
    x11 = underpaint(x8, x10)
    x12 = hmirror(x11)
    x13 = asobject(x12)
    x14 = underpaint(x11, x13)
    x15 = asobject(x14)
    x16 = shift(x15, x5)
    O = paint(I, x16)
    return O
