"""Counting and colour mapping: outputs sized or coloured from counts, most/least common colours, recolouring rules."""
from dsl import *


def solve_1fad071e(I):
    # Count the blue 2x2 squares and write that many blue cells in a 1x5 row.
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, ONE)
    x3 = sizefilter(x2, FOUR)
    x4 = size(x3)
    x5 = astuple(ONE, x4)
    x6 = canvas(ONE, x5)
    x7 = subtract(FIVE, x4)
    x8 = astuple(ONE, x7)
    x9 = canvas(ZERO, x8)
    O = hconcat(x6, x9)
    return O


def solve_239be575(I):
    # Answer 8 if one connected shape holds both red squares, else 0.
    x1 = objects(I, F, T, T)
    x2 = rbind(colorcount, TWO)
    x3 = valmax(x1, x2)
    x4 = equality(x3, EIGHT)
    x5 = branch(x4, EIGHT, ZERO)
    O = canvas(x5, UNITY)
    return O


def solve_27a28665(I):
    # Map the number of orthogonal pieces of the pattern to a colour.
    x1 = objects(I, T, F, F)
    x2 = matcher(color, ZERO)
    x3 = compose(flip, x2)
    x4 = sfilter(x1, x3)
    x5 = size(x4)
    x6 = equality(x5, THREE)
    x7 = equality(x5, TWO)
    x8 = equality(x5, ONE)
    x9 = branch(x8, SIX, TWO)
    x10 = branch(x7, THREE, x9)
    x11 = branch(x6, ONE, x10)
    O = canvas(x11, UNITY)
    return O


def solve_44f52bb0(I):
    # Answer 1 if the grid is left-right symmetric, else 7.
    x1 = vmirror(I)
    x2 = equality(x1, I)
    x3 = branch(x2, ONE, SEVEN)
    O = canvas(x3, UNITY)
    return O


def solve_445eab21(I):
    # Fill a 2x2 with the colour of the frame enclosing the largest area.
    x1 = objects(I, T, F, T)
    x2 = compose(size, backdrop)
    x3 = argmax(x1, x2)
    x4 = color(x3)
    O = canvas(x4, TWO_BY_TWO)
    return O


def solve_9565186b(I):
    # Keep the most common colour and turn every other cell grey.
    x1 = mostcolor(I)
    x2 = ofcolor(I, x1)
    x3 = shape(I)
    x4 = canvas(FIVE, x3)
    O = fill(x4, x1, x2)
    return O


def solve_25d8a9c8(I):
    # Mark the single-colour rows grey and blank everything else.
    x1 = frontiers(I)
    x2 = sfilter(x1, hline)
    x3 = merge(x2)
    x4 = shape(I)
    x5 = canvas(ZERO, x4)
    O = fill(x5, FIVE, x3)
    return O


def solve_794b24be(I):
    # Count the blue cells and fill that many slots of a fixed red pattern.
    x1 = colorcount(I, ONE)
    x2 = decrement(x1)
    x3 = tojvec(x2)
    x4 = connect(ORIGIN, x3)
    x5 = equality(x1, FOUR)
    x6 = branch(x5, UNITY, ORIGIN)
    x7 = insert(x6, x4)
    x8 = canvas(ZERO, THREE_BY_THREE)
    O = fill(x8, TWO, x7)
    return O


def solve_6e02f1e3(I):
    # Draw a grey line whose direction depends on the number of colours.
    x1 = numcolors(I)
    x2 = connect(ORIGIN, ZERO_BY_TWO)
    x3 = connect(ORIGIN, TWO_BY_TWO)
    x4 = connect(ZERO_BY_TWO, TWO_BY_ZERO)
    x5 = equality(x1, TWO)
    x6 = equality(x1, ONE)
    x7 = branch(x5, x3, x4)
    x8 = branch(x6, x2, x7)
    x9 = canvas(ZERO, THREE_BY_THREE)
    O = fill(x9, FIVE, x8)
    return O


def solve_d0f5fe59(I):
    # Count the shapes and draw an n-by-n diagonal of 8s.
    x1 = objects(I, T, T, T)
    x2 = size(x1)
    x3 = astuple(x2, x2)
    x4 = canvas(ZERO, x3)
    x5 = shoot(ORIGIN, UNITY)
    O = fill(x4, EIGHT, x5)
    return O


def solve_8efcae92(I):
    # Crop the blue block that holds the most red cells.
    x1 = objects(I, T, F, F)
    x2 = colorfilter(x1, ONE)
    x3 = rbind(subgrid, I)
    x4 = rbind(colorcount, TWO)
    x5 = compose(x4, x3)
    x6 = argmax(x2, x5)
    O = subgrid(x6, I)
    return O


def solve_39a8645d(I):
    # Draw the shape that occurs most often.
    x1 = objects(I, T, T, T)
    x2 = totuple(x1)
    x3 = apply(normalize, x2)
    x4 = mostcommon(x3)
    x5 = shape(x4)
    x6 = canvas(ZERO, x5)
    O = paint(x6, x4)
    return O


def solve_f76d97a5(I):
    # Grey takes the other colour and the other colour becomes background.
    x1 = palette(I)
    x2 = other(x1, FIVE)
    x3 = replace(I, x2, ZERO)
    O = replace(x3, FIVE, x2)
    return O


def solve_6455b5f5(I):
    # Colour the largest empty region blue and the smallest ones azure.
    x1 = objects(I, T, F, F)
    x2 = colorfilter(x1, ZERO)
    x3 = argmax(x2, size)
    x4 = valmin(x2, size)
    x5 = sizefilter(x2, x4)
    x6 = merge(x5)
    x7 = fill(I, ONE, x3)
    O = fill(x7, EIGHT, x6)
    return O


def solve_aedd82e4(I):
    # Recolour the isolated red cells blue.
    x1 = objects(I, T, F, F)
    x2 = colorfilter(x1, TWO)
    x3 = sizefilter(x2, ONE)
    x4 = merge(x3)
    O = fill(I, ONE, x4)
    return O


def solve_de1cd16c(I):
    # Name the colour of the region holding the most noise cells.
    x1 = objects(I, T, F, F)
    x2 = leastcolor(I)
    x3 = rbind(subgrid, I)
    x4 = rbind(colorcount, x2)
    x5 = compose(x4, x3)
    x6 = argmax(x1, x5)
    x7 = color(x6)
    O = canvas(x7, UNITY)
    return O


def solve_f8b3ba0a(I):
    # List the block colours by falling frequency, leaving out the commonest.
    x1 = palette(I)
    x2 = lbind(colorcount, I)
    x3 = compose(invert, x2)
    x4 = order(x1, x3)
    x5 = first(x4)
    x6 = remove(x5, x4)
    x7 = first(x6)
    x8 = remove(x7, x6)
    x9 = rbind(repeat, ONE)
    O = apply(x9, x8)
    return O


def solve_5117e062(I):
    # Crop the shape marked with an 8 and paint the mark in the shape's colour.
    x1 = objects(I, F, T, T)
    x2 = lbind(contained, EIGHT)
    x3 = compose(x2, palette)
    x4 = extract(x1, x3)
    x5 = subgrid(x4, I)
    x6 = mostcolor(x4)
    O = replace(x5, EIGHT, x6)
    return O


def solve_d4469b4b(I):
    # Draw a grey cross whose arms are placed according to the input colour.
    x1 = palette(I)
    x2 = other(x1, ZERO)
    x3 = equality(x2, ONE)
    x4 = equality(x2, TWO)
    x5 = equality(x2, THREE)
    x6 = branch(x4, ZERO, TWO)
    x7 = branch(x3, ONE, x6)
    x8 = branch(x5, TWO, ONE)
    x9 = toivec(x7)
    x10 = tojvec(x8)
    x11 = hfrontier(x9)
    x12 = vfrontier(x10)
    x13 = combine(x11, x12)
    x14 = canvas(ZERO, THREE_BY_THREE)
    O = fill(grid=x14, value=FIVE, patch=x13)
    return O


def solve_f8ff0b80(I):
    # List the shape colours from the biggest shape to the smallest.
    x1 = palette(I)
    x2 = lbind(colorcount, I)
    x3 = compose(invert, x2)
    x4 = order(x1, x3)
    x5 = first(x4)
    x6 = remove(x5, x4)
    x7 = rbind(repeat, ONE)
    O = apply(x7, x6)
    return O


def solve_4be741c5(I):
    # List the stripe colours in order, as a row or a column like the stripes.
    x1 = partition(I)
    x2 = fork(add, leftmost, uppermost)
    x3 = order(x1, x2)
    x4 = apply(color, x3)
    x5 = repeat(item=x4, num=ONE)
    x6 = first(x3)
    x7 = portrait(x6)
    x8 = dmirror(x5)
    O = branch(x7, x5, x8)
    return O


def solve_1190e5a7(I):
    # Count the cells the ruled lines make and draw one cell for each.
    x1 = frontiers(I)
    x2 = sfilter(x1, hline)
    x3 = sfilter(x1, vline)
    x4 = size(x2)
    x5 = size(x3)
    x6 = increment(x4)
    x7 = increment(x5)
    x8 = astuple(x6, x7)
    x9 = mostcolor(I)
    O = canvas(x9, x8)
    return O


def solve_54d9e175(I):
    # Fill each compartment with its marker colour plus five.
    x1 = objects(I, T, F, T)
    x2 = sizefilter(x1, ONE)
    x3 = rbind(add, FIVE)
    x4 = compose(x3, color)
    x5 = compose(backdrop, outbox)
    x6 = fork(recolor, x4, x5)
    x7 = mapply(x6, x2)
    O = paint(I, x7)
    return O


def solve_d9fac9be(I):
    # Name the colour of the cell sitting inside a ring of one other colour.
    x1 = objects(I, T, F, T)
    x2 = sizefilter(x1, ONE)
    x3 = rbind(toobject, I)
    x4 = chain(palette, x3, outbox)
    x5 = matcher(size, ONE)
    x6 = compose(x5, x4)
    x7 = lbind(contained, ZERO)
    x8 = compose(flip, x7)
    x9 = compose(x8, x4)
    x10 = fork(both, x6, x9)
    x11 = extract(x2, x10)
    x12 = color(x11)
    O = canvas(value=x12, dimensions=UNITY)
    return O


def solve_b6afb2da(I):
    # Recolour grey boxes: corners blue, edges yellow, inside red.
    x1 = objects(I, T, F, F)
    x2 = colorfilter(x1, FIVE)
    x3 = mapply(box, x2)
    x4 = mapply(corners, x2)
    x5 = replace(I, FIVE, TWO)
    x6 = fill(x5, FOUR, x3)
    O = fill(x6, ONE, x4)
    return O


def solve_ce9e57f2(I):
    # Turn the lower half of every red bar azure.
    x1 = objects(I, T, F, T)
    x2 = compose(increment, height)
    x3 = chain(toivec, halve, x2)
    x4 = fork(shift, identity, x3)
    x5 = fork(intersection, identity, x4)
    x6 = mapply(x5, x1)
    O = fill(I, EIGHT, x6)
    return O
