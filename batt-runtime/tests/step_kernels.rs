//! The step-major engine's kernels (`batt_gen::step_kernels`), compiled
//! once as host C++ and driven by a card's step plan, give every lane they
//! keep exactly the output and failed-step count the card's own
//! evaluation gives, on every ARC-AGI-1 sample: for the project's library,
//! the card fixtures and a random card.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::path::Path;

use batt_runtime::backend::check::LaneCheck;
use batt_runtime::backend::steps::{StepHost, StepWork, check_steps};
use batt_runtime::backend::{DeviceGrid, LaneResults};
use batt_runtime::dataset::Task;
use batt_runtime::interp::Interpreter;

#[path = "support/data.rs"]
mod data;

/// Tasks per batch (about 70 samples).
const TASKS_PER_BATCH: usize = 16;

/// The card fixtures' solvers on the step kernels (110 of 124: the others
/// read `S`, or use a dialect primitive, a callable or a pair no step
/// kernel takes yet).
const FIXTURES_ON_DEVICE: usize = 110;

/// Checks a card on the step kernels against `batt()` on every sample:
/// no kept lane may differ; at least `min_programs` programs run there,
/// and at most `max_flagged` percent of their lanes are left to the CPU
/// (values the fixed device forms cannot hold), so that coverage cannot
/// fall back unnoticed. Returns the tally.
fn check(name: &str, card: &Interpreter, min_programs: usize, max_flagged: f64) -> LaneCheck {
    check_every(name, card, 1, min_programs, max_flagged)
}

/// [`check`] on every `every`th task's samples.
fn check_every(
    name: &str,
    card: &Interpreter,
    every: usize,
    min_programs: usize,
    max_flagged: f64,
) -> LaneCheck {
    let ds = data::arc_agi_1("the step kernel tests");
    let tasks: Vec<_> = ds.tasks.iter().step_by(every).cloned().collect();
    let host = StepHost::new().unwrap();
    let plan = card.step_plan();
    let (c, work) = check_steps(card, plan, &tasks, &host, TASKS_PER_BATCH)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    println!(
        "{name}: {} of {} programs on the step kernels ({} device steps, {} launches in the plan, {} run; {} element lanes, {} sub-step runs); {}",
        c.programs,
        plan.programs.len(),
        plan.device_steps(),
        plan.launches.len(),
        work.launches,
        work.element_lanes,
        work.sub_step_runs,
        c.summary()
    );
    for (program, n) in c.by_program.iter().take(12) {
        println!("  {program}: {n} lanes left to the CPU whose output fits a device grid");
    }
    assert!(
        c.mismatches == 0,
        "{name}: {} lanes differ from batt(), e.g.\n{}",
        c.mismatches,
        c.examples.join("\n")
    );
    assert!(
        c.programs >= min_programs,
        "{name}: {} programs on the step kernels, fewer than {min_programs}",
        c.programs
    );
    let flagged = 100.0 * c.flagged as f64 / c.lanes.max(1) as f64;
    assert!(
        flagged <= max_flagged,
        "{name}: {flagged:.1}% of the lanes left to the CPU, more than {max_flagged}%"
    );
    c
}

#[test]
fn the_library_on_the_step_kernels_equals_batt_on_every_sample() {
    let cards = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cards");
    let card = Interpreter::from_path(&cards).unwrap();
    check("the library", &card, 129, 30.0);
}

#[test]
fn the_card_fixtures_on_the_step_kernels_equal_batt_on_every_sample() {
    let cards = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/cards");
    let card = Interpreter::from_path(&cards).unwrap();
    check("the card fixtures", &card, FIXTURES_ON_DEVICE, 40.0);
}

#[test]
fn a_random_card_on_the_step_kernels_equals_batt_on_every_sample() {
    let text = batt_gen::random::card(11, 300, &batt_gen::random::Options::default());
    let card = Interpreter::from_text("random.py", &text).unwrap();
    check("a random card", &card, 260, 40.0);
}

/// Callables a combinator makes inside a callable's body from the body's
/// own values (`lbind(rbind, adjacent)` called with an element), called
/// one level down.
const MADE_CALLABLES: &str = "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = lbind(rbind, adjacent)
    x3 = lbind(sfilter, x1)
    x4 = chain(size, x3, x2)
    x5 = argmax(x1, x4)
    O = fill(I, 5, x5)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = ofcolor(I, 1)
    x3 = lbind(rbind, manhattan)
    x4 = lbind(argmin, x1)
    x5 = compose(x4, x3)
    x6 = x5(x2)
    O = fill(I, 4, x6)
    return O

def solve_00000003(I):
    x1 = objects(I, T, F, T)
    x2 = lbind(lbind, manhattan)
    x3 = lbind(sfilter, x1)
    x4 = lbind(compose, positive)
    x5 = chain(size, x3, x4)
    x6 = compose(x5, x2)
    x7 = argmin(x1, x6)
    O = fill(I, 3, x7)
    return O
";

#[test]
fn callables_made_in_a_body_on_the_step_kernels_equal_batt_on_every_sample() {
    let card = Interpreter::from_text("made.py", MADE_CALLABLES).unwrap();
    // Each program calls a callable per pair of objects: every 8th task.
    check_every("callables made in a body", &card, 8, 3, 40.0);
}

/// Tuples held as sets inside callables' bodies (the rows of each
/// object, recoloured; counted, which stays on the CPU) and read there by
/// a primitive that takes them as sets; a callable holding a value its
/// step computed (the offset of the first object of colour 2, which fails
/// on the samples without one); an `apply` over a pair of two sets of
/// objects, held apart; a `rapply` over the callables an `apply` made; a
/// `prapply` of index sets and offsets; the empty set standing for the
/// `()` of a failed `first` (no object of colour 9 on most samples), and
/// a `connect` failing where the `first` and `last` it reads did; lines
/// shot past the grid inside a callable, clipped, recoloured and painted;
/// a callable called on a pair held apart (an interval and the grid); the
/// cells whose neighbours (all eight, diagonal or direct) inside the grid
/// meet a test of their colours (the neighbours clipped to the frame
/// inside a filter's callable); the largest size of the objects of colour
/// 9 (none on most samples: the DSL's size of `0` fails, and so does the
/// step) and a key that takes `0` (left to the CPU there).
const BODY_SETS_HELD_VALUES_AND_MADE_CALLABLES: &str = "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = compose(hfrontier, toivec)
    x3 = lbind(mapply, x2)
    x4 = rbind(interval, ONE)
    x5 = fork(x4, uppermost, lowermost)
    x6 = compose(x3, x5)
    x7 = fork(recolor, color, x6)
    x8 = mapply(x7, x1)
    O = paint(I, x8)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = compose(hfrontier, toivec)
    x3 = lbind(mapply, x2)
    x4 = rbind(interval, ONE)
    x5 = fork(x4, uppermost, lowermost)
    x6 = chain(size, x3, x5)
    x7 = argmax(x1, x6)
    O = fill(I, 5, x7)
    return O

def solve_00000003(I):
    x1 = ofcolor(I, 1)
    x2 = interval(ZERO, THREE, ONE)
    x3 = apply(toivec, x2)
    x4 = lbind(shift, x1)
    x5 = mapply(x4, x3)
    x6 = objects(I, T, F, T)
    x7 = rbind(adjacent, x5)
    x8 = sfilter(x6, x7)
    x9 = merge(x8)
    O = fill(I, 5, x9)
    return O

def solve_00000004(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, TWO)
    x3 = lbind(rbind, shift)
    x4 = chain(x3, ulcorner, first)
    x5 = x4(x2)
    x6 = mapply(x5, x1)
    O = paint(I, x6)
    return O

def solve_00000005(I):
    x1 = objects(I, T, F, T)
    x2 = sizefilter(x1, ONE)
    x3 = difference(x1, x2)
    x4 = astuple(x3, x2)
    x5 = apply(size, x4)
    x6 = increment(x5)
    O = canvas(ZERO, x6)
    return O

def solve_00000006(I):
    x1 = objects(I, T, F, T)
    x2 = argmin(x1, size)
    x3 = normalize(x2)
    x4 = lbind(rbind, upscale)
    x5 = interval(ONE, FOUR, ONE)
    x6 = apply(x4, x5)
    x7 = rapply(x6, x3)
    x8 = rbind(shift, UNITY)
    x9 = mapply(x8, x7)
    O = paint(I, x9)
    return O

def solve_00000007(I):
    x1 = objects(I, T, F, T)
    x2 = apply(toindices, x1)
    x3 = interval(ONE, THREE, ONE)
    x4 = apply(toivec, x3)
    x5 = prapply(shift, x2, x4)
    x6 = merge(x5)
    O = fill(I, EIGHT, x6)
    return O

def solve_00000008(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, NINE)
    x3 = first(x2)
    x4 = size(x3)
    x5 = fill(I, x4, x3)
    O = underfill(x5, FIVE, x3)
    return O

def solve_00000009(I):
    x1 = ofcolor(I, NINE)
    x2 = first(x1)
    x3 = last(x1)
    x4 = connect(x2, x3)
    O = fill(I, FIVE, x4)
    return O

def solve_0000000a(I):
    x1 = objects(I, T, F, T)
    x2 = rbind(shoot, UP_RIGHT)
    x3 = compose(x2, ulcorner)
    x4 = fork(recolor, color, x3)
    x5 = mapply(x4, x1)
    O = paint(I, x5)
    return O

def solve_0000000b(I):
    x1 = interval(ONE, FOUR, ONE)
    x2 = astuple(x1, I)
    x3 = compose(maximum, first)
    x4 = compose(shape, last)
    x5 = fork(canvas, x3, x4)
    x6 = fork(hconcat, x5, last)
    O = x6(x2)
    return O

def solve_0000000c(I):
    x1 = asindices(I)
    x2 = rbind(toobject, I)
    x3 = chain(numcolors, x2, neighbors)
    x4 = matcher(x3, ONE)
    x5 = sfilter(x1, x4)
    O = fill(I, FIVE, x5)
    return O

def solve_0000000d(I):
    x1 = asindices(I)
    x2 = rbind(toobject, I)
    x3 = rbind(colorcount, ZERO)
    x4 = chain(x3, x2, ineighbors)
    x5 = matcher(x4, FOUR)
    x6 = sfilter(x1, x5)
    O = fill(I, FIVE, x6)
    return O

def solve_0000000e(I):
    x1 = ofcolor(I, ZERO)
    x2 = rbind(toobject, I)
    x3 = lbind(contained, ONE)
    x4 = chain(x3, palette, x2)
    x5 = compose(x4, dneighbors)
    x6 = sfilter(x1, x5)
    O = fill(I, THREE, x6)
    return O

def solve_0000000f(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, NINE)
    x3 = valmax(x2, size)
    O = canvas(x3, UNITY)
    return O

def solve_00000010(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, NINE)
    x3 = fork(equality, identity, identity)
    x4 = valmin(x2, x3)
    O = canvas(x4, UNITY)
    return O
";

#[test]
fn sets_in_bodies_held_values_and_made_callables_on_the_step_kernels_equal_batt_on_every_sample() {
    let card = Interpreter::from_text("held.py", BODY_SETS_HELD_VALUES_AND_MADE_CALLABLES).unwrap();
    check(
        "sets in bodies, held values and made callables",
        &card,
        15,
        60.0,
    );
}

/// The DSL's `()` where no device form holds it: a corner or centre of
/// mass of an empty patch (a colour the sample lacks), a `first` of an
/// empty container, met by uses that fail on it (`shoot`, `subtract`,
/// `connect`, `neighbors`, `intersection`), or fail on it unless a patch
/// is empty (`shift`, `move`), or take it as the empty set (`fill`,
/// `move`), in chains (a failed `subtract` gives `0`, which fails
/// `connect` in turn).
const EMPTY_TUPLES: &str = "\
def solve_00000001(I):
    x1 = ofcolor(I, NINE)
    x2 = ulcorner(x1)
    x3 = shoot(x2, DOWN)
    O = fill(I, FIVE, x3)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, EIGHT)
    x2 = lrcorner(x1)
    x3 = ofcolor(I, ONE)
    x4 = ulcorner(x3)
    x5 = subtract(x2, x4)
    x6 = connect(x4, x5)
    O = fill(I, SEVEN, x6)
    return O

def solve_00000003(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, NINE)
    x3 = first(x2)
    x4 = intersection(x3, x3)
    x5 = fill(I, FIVE, x3)
    O = paint(x5, x4)
    return O

def solve_00000004(I):
    x1 = ofcolor(I, SIX)
    x2 = centerofmass(x1)
    x3 = add(x2, UNITY)
    x4 = neighbors(x3)
    O = fill(I, TWO, x4)
    return O

def solve_00000005(I):
    x1 = ofcolor(I, EIGHT)
    x2 = ulcorner(x1)
    x3 = subtract(x2, UNITY)
    x4 = ofcolor(I, NINE)
    x5 = shift(x4, x3)
    O = fill(I, THREE, x5)
    return O

def solve_00000006(I):
    x1 = ofcolor(I, SIX)
    x2 = centerofmass(x1)
    x3 = add(x2, DOWN)
    x4 = objects(I, T, F, T)
    x5 = colorfilter(x4, NINE)
    x6 = first(x5)
    O = move(I, x6, x3)
    return O
";

/// Every lane of [`EMPTY_TUPLES`] stays on the device with batt()'s
/// output and failed count, where before each lane meeting a `()` went to
/// the CPU (17,013 of 20,994: the colours are missing from most samples).
#[test]
fn an_empty_tuple_that_fails_its_uses_keeps_the_lane_on_the_step_kernels() {
    let card = Interpreter::from_text("empty.py", EMPTY_TUPLES).unwrap();
    check("empty tuples", &card, 6, 1.0);
}

/// Outputs too large for the device's grids, which the CPU makes without
/// an error: wider than 30 (`hconcat`), taller (`vconcat`), rows of
/// different widths (`vconcat` of a grid and its turn), larger on both
/// sides (`upscale`, `canvas`), one past what the device vouches for (a
/// canvas of 300 x 300), and a grid too large that is no output (the
/// steps after it are not settled).
const OVERSIZE: &str = "\
def solve_00000001(I):
    x1 = vmirror(I)
    O = hconcat(I, x1)
    return O

def solve_00000002(I):
    x1 = hmirror(I)
    O = vconcat(I, x1)
    return O

def solve_00000003(I):
    x1 = rot90(I)
    O = vconcat(I, x1)
    return O

def solve_00000004(I):
    x1 = upscale(I, THREE)
    O = fill(x1, FIVE, ofcolor(x1, ONE))
    return O

def solve_00000005(I):
    x1 = upscale(I, TWO)
    return x1

def solve_00000006(I):
    x1 = shape(I)
    x2 = multiply(x1, TWO)
    O = canvas(SEVEN, x2)
    return O

def solve_00000007(I):
    O = canvas(SEVEN, astuple(600, 600))
    return O

def solve_00000008(I):
    x1 = hconcat(I, I)
    x2 = mostcolor(x1)
    O = canvas(x2, THREE_BY_THREE)
    return O
";

/// The lanes whose output alone is a grid too large are settled but for
/// that grid (`LaneFlag::Oversize`): the check requires that batt()'s
/// output is no device grid and that the failed counts agree.
#[test]
fn outputs_too_large_for_the_device_are_settled_but_for_their_grid() {
    let card = Interpreter::from_text("oversize.py", OVERSIZE).unwrap();
    // No mismatch, every program on the device (the lanes left to the CPU
    // are those whose output no device grid holds: 43%).
    let c = check("oversize", &card, 8, 50.0);
    // All but the large canvas's and the steps after a large `upscale`.
    assert!(
        c.oversize > c.inherent / 2,
        "{} of {} lanes whose output no device grid holds settled",
        c.oversize,
        c.inherent
    );
    assert!(c.oversize < c.inherent);
}

/// Grids too large for the frame (the grid beside itself, the grid
/// upscaled) recoloured, filled and turned before they are the output.
const OVERSIZE_PASSED_ON: &str = "\
def solve_00000001(I):
    x1 = hconcat(I, I)
    x2 = replace(x1, ZERO, FIVE)
    O = hmirror(x2)
    return O

def solve_00000002(I):
    x1 = upscale(I, TWO)
    x2 = ofcolor(I, ONE)
    x3 = fill(x1, EIGHT, x2)
    O = rot90(x3)
    return O
";

/// Steps that pass a grid too large on (`PASS_BIG`) give one too: every
/// lane whose output is one is settled but for that grid (before, none of
/// them was).
#[test]
fn grids_too_large_passed_on_to_the_output_are_settled_but_for_their_grid() {
    let c = check_two_sampled("oversize_passed_on.py", OVERSIZE_PASSED_ON);
    assert!(c.inherent > 0, "{}", c.summary());
    assert_eq!(c.oversize, c.inherent, "{}", c.summary());
    assert_eq!(c.flagged, c.inherent, "{}", c.summary());
}

/// Grids far too large: upscaled seventeen times (up to 510 a side), then
/// turned, mirrored and recoloured.
const OVERSIZE_FAR: &str = "\
def solve_00000001(I):
    x1 = upscale(I, 17)
    O = rot90(x1)
    return O

def solve_00000002(I):
    x1 = hupscale(I, 17)
    x2 = vupscale(x1, 17)
    x3 = replace(x2, ZERO, FIVE)
    O = dmirror(x3)
    return O
";

/// A grid too large up to 512 a side (`BATT_OVERSIZE_SIDE`) is settled but
/// for its grid: every lane whose output is one (before, those past 256 a
/// side went to the CPU).
#[test]
fn grids_up_to_512_a_side_are_settled_but_for_their_grid() {
    let c = check_two_sampled("oversize_far.py", OVERSIZE_FAR);
    assert!(c.inherent > 0, "{}", c.summary());
    assert_eq!(c.oversize, c.inherent, "{}", c.summary());
    assert_eq!(c.flagged, c.inherent, "{}", c.summary());
}

/// Grids too large joined again (turned and mirrored halves stacked), and
/// read blind: the positions of a colour of one, or all of its positions
/// but those, filled into a grid too large made beside it.
const OVERSIZE_JOINED: &str = "\
def solve_00000001(I):
    x1 = rot180(I)
    x2 = hconcat(I, x1)
    x3 = vmirror(x2)
    x4 = vconcat(x3, x2)
    x5 = vconcat(x2, x4)
    O = rot90(x5)
    return O

def solve_00000002(I):
    x1 = leastcolor(I)
    x2 = vconcat(I, I)
    x3 = hupscale(I, TWO)
    x4 = ofcolor(x3, x1)
    x5 = asindices(x3)
    x6 = difference(x5, x4)
    x7 = hconcat(x2, x2)
    O = fill(x7, ZERO, x6)
    return O
";

/// `hconcat` and `vconcat` read the shape of a grid too large from its
/// stand-in (`SHAPE_READERS`), and steps that never fail read it blind
/// (`BLIND_READS`): every lane whose output is a grid too large is settled
/// but for that grid (before, only those whose output was the first grid
/// too large).
#[test]
fn grids_too_large_joined_or_read_blind_are_settled_but_for_their_grid() {
    let c = check_two_sampled("oversize_joined.py", OVERSIZE_JOINED);
    assert!(c.inherent > 0, "{}", c.summary());
    assert_eq!(c.oversize, c.inherent, "{}", c.summary());
    assert_eq!(c.flagged, c.inherent, "{}", c.summary());
}

/// Positions around the positions of a colour of a grid too large, and
/// lines shot from them, filled into it with a colour a step gives.
const OVERSIZE_AROUND_BLIND: &str = "\
def solve_00000001(I):
    x1 = vconcat(I, I)
    x2 = hconcat(x1, x1)
    x3 = mostcolor(I)
    x4 = ofcolor(x2, x3)
    x5 = mapply(dneighbors, x4)
    O = underfill(x2, EIGHT, x5)
    return O

def solve_00000002(I):
    x1 = leastcolor(I)
    x2 = vupscale(I, FOUR)
    x3 = ofcolor(x2, x1)
    x4 = rbind(shoot, DOWN_LEFT)
    x5 = mapply(x4, x3)
    O = fill(x2, x1, x5)
    return O
";

/// `mapply` of a primitive that never fails on positions anywhere
/// (`BLIND_BODIES`) over blind positions is blind too, and a colour a step
/// gives is checked within i8 where the grid is passed on: every lane
/// whose output is a grid too large is settled but for that grid (over all
/// samples, 3,552 of 6,998 lanes; before, none of them was).
#[test]
fn positions_around_blind_positions_are_settled_but_for_their_grid() {
    let c = check_two_sampled("oversize_around_blind.py", OVERSIZE_AROUND_BLIND);
    assert!(c.inherent > 0, "{}", c.summary());
    assert_eq!(c.oversize, c.inherent, "{}", c.summary());
    assert_eq!(c.flagged, c.inherent, "{}", c.summary());
}

/// Grids too large grown and compared cell by cell with others of their
/// shape.
const OVERSIZE_GROWN: &str = "\
def solve_00000001(I):
    x1 = hconcat(I, I)
    x2 = vupscale(x1, TWO)
    x3 = vconcat(I, I)
    x4 = hupscale(x3, TWO)
    O = cellwise(x2, x4, ZERO)
    return O

def solve_00000002(I):
    x1 = vmirror(I)
    x2 = hconcat(I, x1)
    x3 = upscale(x2, TWO)
    x4 = vconcat(x2, x2)
    x5 = hconcat(x4, x4)
    O = cellwise(x5, x3, FIVE)
    return O
";

/// The upscales and `cellwise` read the shape of a grid too large from
/// its stand-in too (`SHAPE_READERS`): every lane whose output is a grid
/// too large is settled but for that grid (before, only those whose
/// output was the first grid too large).
#[test]
fn grids_too_large_grown_or_compared_are_settled_but_for_their_grid() {
    let c = check_two_sampled("oversize_grown.py", OVERSIZE_GROWN);
    assert!(c.inherent > 0, "{}", c.summary());
    assert_eq!(c.oversize, c.inherent, "{}", c.summary());
    assert_eq!(c.flagged, c.inherent, "{}", c.summary());
}

/// A grid stacked over its turn (rows of different widths where it is not
/// square) or over its top rows, then recoloured: batt's `replace` fails
/// on rows that are no grid.
const RAGGED_RECOLOURED: &str = "\
def solve_00000001(I):
    x1 = rot90(I)
    x2 = vconcat(I, x1)
    O = replace(x2, ONE, TWO)
    return O

def solve_00000002(I):
    x1 = crop(I, ORIGIN, THREE_BY_THREE)
    x2 = vconcat(x1, I)
    x3 = replace(x2, ZERO, FIVE)
    O = hmirror(x3)
    return O
";

/// Rows of different widths read only by `replace` (`RAGGED_FAILS`) fail
/// it on the device as on the CPU: those lanes stay on the device with
/// the failure (before, every one went to the CPU), and every lane left
/// is a grid too large, settled but for its grid.
#[test]
fn rows_of_different_widths_recoloured_fail_on_the_device() {
    let c = check_two_sampled("ragged_recoloured.py", RAGGED_RECOLOURED);
    assert!(c.lanes > c.flagged * 2, "{}", c.summary());
    assert_eq!(c.flagged, c.oversize, "{}", c.summary());
}

#[test]
#[ignore = "needs a card of the user's: BATT_CARDS=PATH"]
fn the_card_in_batt_cards_on_the_step_kernels_equals_batt_on_every_sample() {
    let path = std::env::var("BATT_CARDS").expect("BATT_CARDS names a card file or directory");
    let card = Interpreter::from_path(Path::new(&path)).unwrap();
    check(&path, &card, 0, 100.0);
}

/// Products of two position sets: a small one (a lane's least colour) and
/// a large one (the frame's border: 1,296 pairs on a 10x10 grid, 13,456
/// on a 30x30 one).
const PRODUCTS: &str = "\
def solve_00000001(I):
    x1 = ofcolor(I, leastcolor(I))
    x2 = prapply(connect, x1, x1)
    x3 = mfilter(x2, hline)
    O = fill(I, 5, x3)
    return O

def solve_00000002(I):
    x1 = box(asindices(I))
    x2 = prapply(connect, x1, x1)
    x3 = mfilter(x2, vline)
    O = fill(I, 4, x3)
    return O
";

/// A card of two programs, `text`, on the step kernels over `tasks`: both
/// programs run there and no kept lane differs from batt().
fn check_two(name: &str, text: &str, tasks: &[Task]) -> (LaneCheck, StepWork) {
    let card = Interpreter::from_text(name, text).unwrap();
    let host = StepHost::new().unwrap();
    let (c, work) = check_steps(&card, card.step_plan(), tasks, &host, TASKS_PER_BATCH)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    println!(
        "{name}: {}; {} element lanes",
        c.summary(),
        work.element_lanes
    );
    assert_eq!(c.programs, 2, "{name}: {}", c.summary());
    assert_eq!(c.mismatches, 0, "{name}: {}", c.examples.join("\n"));
    (c, work)
}

/// [`check_two`] on every 20th task of ARC-AGI-1.
fn check_two_sampled(name: &str, text: &str) -> LaneCheck {
    let ds = data::arc_agi_1("the step kernel tests");
    let tasks: Vec<_> = ds.tasks.iter().step_by(20).cloned().collect();
    check_two(name, text, &tasks).0
}

/// The lanes of `program` left to the CPU whose output a device grid
/// would hold.
fn left_of(c: &LaneCheck, program: &str) -> usize {
    c.by_program
        .iter()
        .find(|p| p.0 == program)
        .map_or(0, |p| p.1)
}

/// Asserts that no lane went to the CPU for a step whose culprit (its
/// number and overload, and why) `blamed` matches.
fn assert_no_culprit(c: &LaneCheck, blamed: impl Fn(&str) -> bool) {
    assert!(
        c.left_by_program
            .iter()
            .all(|(_, culprit, _)| !blamed(culprit)),
        "{:?}",
        c.left_by_program
    );
}

/// A higher-order step's record notes at most 1,024 elements per lane
/// (`BATT_RECORD_CAP`): a lane whose callable is called more often goes
/// to the CPU instead of filling the device with element lanes, and every
/// lane kept still equals batt().
#[test]
fn a_record_past_its_cap_leaves_the_lane_to_the_cpu() {
    let ds = data::arc_agi_1("the step kernel tests");
    let tasks: Vec<_> = ds.tasks.iter().step_by(40).cloned().collect();
    let samples: usize = tasks.iter().map(|t| t.samples().count()).sum();
    let (c, work) = check_two("products.py", PRODUCTS, &tasks);
    // Two prapply steps, at most 1,024 elements each per sample.
    assert!(
        work.element_lanes <= 2 * 1024 * samples as u64,
        "{} element lanes for {samples} samples",
        work.element_lanes
    );
    // The large products go to the CPU, the small ones stay.
    assert!(c.flagged > 0 && c.flagged < c.lanes, "{}", c.summary());
}

/// Calls nested three deep over every cell of a 30x30 grid: the innermost
/// level's element lanes would number 900 x 900 x 900 per sample (capped
/// at 1,024 per lane), over 100 GB for three samples. The next program only
/// mirrors its grid.
const DEEP: &str = "
def solve_00000001(I):
    x1 = asindices(I)
    x2 = lbind(lbind, add)
    x3 = lbind(compose, first)
    x4 = compose(x3, x2)
    x5 = lbind(valmax, x1)
    x6 = compose(x5, x4)
    x7 = lbind(sfilter, x1)
    x8 = compose(lbind(rbind, greater), first)
    x9 = rbind(compose, x6)
    x10 = compose(x9, x8)
    x11 = compose(x7, x10)
    x12 = mapply(x11, x1)
    O = fill(I, ONE, x12)
    return O

def solve_00000002(I):
    O = vmirror(I)
    return O
";

/// A higher-order call whose element lanes would outgrow memory
/// (`ELEMENT_BYTES_PER_SAMPLE`) gives none to the lanes with the most:
/// their program goes to the CPU on those samples, where the batch failed
/// for want of memory before and took every program's lanes to the CPU
/// with it. (On the CPU these lanes fail on the work budget, which the
/// engine does not count: left to the CPU, they get that failure.)
#[test]
fn element_lanes_past_memory_leave_only_their_program_to_the_cpu() {
    let ds = data::arc_agi_1("the step kernel tests");
    // Three samples of 30x30 cells.
    let tasks: Vec<_> = ds
        .tasks
        .iter()
        .filter(|t| t.id == "16b78196")
        .cloned()
        .collect();
    assert_eq!(tasks.len(), 1);
    let (c, _) = check_two("deep.py", DEEP, &tasks);
    assert_eq!(
        c.by_program,
        vec![("solve_00000001".to_owned(), 3)],
        "{}",
        c.summary()
    );
}

/// Higher-order calls whose templates check each value the callable
/// gives: rows of one width for a grid, a grid for each object.
const CHECKED_VALUES: &str = "
def solve_00000001(I):
    x1 = rbind(order, identity)
    O = apply(x1, I)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = rbind(subgrid, I)
    x3 = apply(x2, x1)
    O = first(x3)
    return O
";

/// A record sees every element the replay will ask for. The record's
/// callable gives zeros (a row of no cells, a grid of none): templates
/// that checked each value and stopped at the first that no device form
/// holds recorded one element, and their replay found no other, so the
/// lane went to the CPU (a grid's rows sorted, the part of a grid under
/// each object). Every lane whose output a device grid holds stays.
#[test]
fn a_record_sees_every_element_whatever_its_zero_values_are() {
    let c = check_two_sampled("checked.py", CHECKED_VALUES);
    assert_eq!(left_of(&c, "solve_00000001"), 0, "{}", c.summary());
    // The grids under a sample's objects share one pool of cells (and at
    // most 30 of them): a few samples' do not fit.
    assert!(
        left_of(&c, "solve_00000002") * 10 < c.lanes / 2,
        "{}: {:?}",
        c.summary(),
        c.by_program
    );
}

/// Backdrops of objects recoloured and painted: where two meet, two
/// colours at one position, which one device object cannot hold. The
/// first program only paints them (the largest colour is the one `paint`
/// leaves), the second counts their cells.
const PAINTED: &str = "
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = fork(recolor, color, backdrop)
    x3 = mapply(x2, x1)
    x4 = shift(x3, UNITY)
    O = paint(I, x4)
    return O

def solve_00000002(I):
    x1 = objects(I, T, T, T)
    x2 = fork(recolor, color, backdrop)
    x3 = mapply(x2, x1)
    x4 = size(x3)
    O = canvas(x4, UNITY)
    return O
";

/// An object only painted keeps the largest colour at each position
/// (`-> Object painted`) and stays on the device where two colours meet;
/// one whose cells are counted goes to the CPU there.
#[test]
fn objects_only_painted_stay_on_the_device_where_colours_meet() {
    let c = check_two_sampled("painted.py", PAINTED);
    assert!(left_of(&c, "solve_00000002") > 0, "{}", c.summary());
    assert_eq!(left_of(&c, "solve_00000001"), 0, "{}", c.summary());
}

/// Offsets around the origin (`neighbors(ORIGIN)`), most of them outside
/// the frame: the grid painted at multiples of a patch's shape around
/// itself (colours meet where copies overlap), and a cross of positions
/// moved into the frame.
const OFFSETS: &str = "
def solve_00000001(I):
    x1 = neighbors(ORIGIN)
    x2 = mapply(neighbors, x1)
    x3 = ofcolor(I, ONE)
    x4 = shape(x3)
    x5 = lbind(multiply, x4)
    x6 = apply(x5, x2)
    x7 = asobject(I)
    x8 = lbind(shift, x7)
    x9 = mapply(x8, x6)
    O = paint(I, x9)
    return O

def solve_00000002(I):
    x1 = dneighbors(ORIGIN)
    x2 = insert(ORIGIN, x1)
    x3 = rbind(multiply, TWO)
    x4 = apply(x3, x2)
    x5 = shift(x4, THREE_BY_THREE)
    x6 = size(x4)
    O = fill(I, x6, x5)
    return O
";

/// Offsets are a set of pairs anywhere on the device: every lane of
/// programs that move things by them stays there (before, the
/// neighbours of the origin left every lane to the CPU), and equals
/// batt()'s.
#[test]
fn offsets_around_the_origin_stay_on_the_device() {
    let c = check_two_sampled("offsets.py", OFFSETS);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// Each colour's cells moved to the origin, and the uniform rows and
/// columns: the objects overlap, which no set of objects on the device
/// holds, but every use reads them one by one and paints their union (a
/// bag of objects).
const BAGS: &str = "
def solve_00000001(I):
    x1 = fgpartition(I)
    x2 = apply(normalize, x1)
    x3 = mapply(vmirror, x2)
    x4 = frontiers(I)
    x5 = lbind(recolor, EIGHT)
    x6 = mapply(x5, x4)
    x7 = paint(I, x3)
    O = paint(x7, x6)
    return O

def solve_00000002(I):
    x1 = fgpartition(I)
    x2 = apply(normalize, x1)
    x3 = lbind(greater, FIVE)
    x4 = compose(x3, size)
    x5 = mfilter(x2, x4)
    x6 = merge(x2)
    x7 = fill(I, FIVE, x6)
    O = paint(x7, x5)
    return O
";

/// A bag of objects keeps on the device every lane of programs that
/// move objects onto one another and paint them (before, each lane where
/// two overlapped went to the CPU), and equals batt()'s.
#[test]
fn objects_moved_onto_one_another_and_painted_stay_on_the_device() {
    let c = check_two_sampled("bags.py", BAGS);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A colour's cells normalized and moved up and left (out of the frame),
/// then to each cell of another colour (where only the cells inside the
/// grid count), and back to the origin.
const NORMALIZED_OUT: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = normalize(x1)
    x3 = shift(x2, NEG_UNITY)
    x4 = lbind(shift, x3)
    x5 = ofcolor(I, TWO)
    x6 = mapply(x4, x5)
    O = fill(I, EIGHT, x6)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, THREE)
    x2 = normalize(x1)
    x3 = shift(x2, NEG_UNITY)
    x4 = size(x3)
    x5 = greater(x4, FOUR)
    x6 = shift(x3, UNITY)
    x7 = fill(I, FIVE, x6)
    O = branch(x5, x7, I)
    return O
";

/// Offsets hold a normalized patch moved out of the frame: the lanes stay
/// on the device but where the colour has more cells than offsets hold
/// (before, every lane with the colour went to the CPU), and equal
/// batt()'s.
#[test]
fn a_normalized_patch_moved_out_of_the_frame_stays_on_the_device() {
    let c = check_two_sampled("normalized_out.py", NORMALIZED_OUT);
    assert!(c.flagged * 10 < c.lanes, "{}", c.summary());
    assert!(
        c.left_by_callee
            .iter()
            .all(|(callee, _)| callee == "shift(Indices, Pair) -> Offsets: full"),
        "{:?}",
        c.left_by_callee
    );
}

/// A failed pair arithmetic's `0` given to a call of a callable value
/// whose body fails on an integer (a frontier, `first`).
const CALL_ON_ZERO: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = lrcorner(x1)
    x3 = halve(x2)
    x4 = fork(combine, vfrontier, hfrontier)
    x5 = x4(x3)
    O = fill(I, EIGHT, x5)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = ulcorner(x1)
    x3 = add(x2, UNITY)
    x4 = rbind(astuple, ONE)
    x5 = compose(x4, first)
    x6 = x5(x3)
    O = canvas(FIVE, x6)
    return O
";

/// The call fails where the step failed, as batt() does: every lane stays
/// on the device (before, each lane without the colour went to the CPU).
#[test]
fn a_call_whose_body_fails_on_a_failed_steps_integer_stays_on_the_device() {
    let c = check_two_sampled("call_on_zero.py", CALL_ON_ZERO);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A failed integer step's `()` (`first` or `last` of a corner of
/// nothing) compared with a number and with another such `()`, and given
/// to `positive`, which fails on it.
const COMPARED_UNIT: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = lrcorner(x1)
    x3 = first(x2)
    x4 = equality(x3, TWO)
    x5 = branch(x4, FIVE, EIGHT)
    x6 = replace(I, ZERO, x5)
    x7 = positive(x3)
    x8 = branch(x7, ONE, THREE)
    x9 = ofcolor(I, TWO)
    O = fill(x6, x8, x9)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, ONE)
    x2 = ofcolor(I, TWO)
    x3 = lrcorner(x1)
    x4 = lrcorner(x2)
    x5 = last(x3)
    x6 = last(x4)
    x7 = equality(x5, x6)
    x8 = branch(x7, FIVE, EIGHT)
    O = replace(I, ZERO, x8)
    return O
";

/// The `()` is an integer no other value has: `equality` gives what
/// batt() does, `positive` fails where `first` failed, and every lane stays on
/// the device (before, each lane without the colour went to the CPU).
#[test]
fn a_failed_integer_compared_with_another_stays_on_the_device() {
    let c = check_two_sampled("compared_unit.py", COMPARED_UNIT);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A failed integer step's `()` read by every element's call of a
/// higher-order step's body, where the body fails on it (`subtract`,
/// `add`), over sets that may be empty.
const BODY_ON_UNIT: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = lrcorner(x1)
    x3 = last(x2)
    x4 = rbind(subtract, x3)
    x5 = chain(even, x4, last)
    x6 = ofcolor(I, ZERO)
    x7 = sfilter(x6, x5)
    O = fill(I, EIGHT, x7)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = ulcorner(x1)
    x3 = first(x2)
    x4 = lbind(add, x3)
    x5 = compose(x4, last)
    x6 = ofcolor(I, SIX)
    x7 = valmax(x6, x5)
    x8 = even(x7)
    x9 = branch(x8, ONE, TWO)
    O = replace(I, ZERO, x9)
    return O
";

/// The higher-order step fails where the step failed and its set is not
/// empty, as batt() does: every lane stays on the device (before, each
/// lane without the colour went to the CPU).
#[test]
fn a_body_failing_on_a_failed_steps_empty_tuple_stays_on_the_device() {
    let c = check_two_sampled("body_on_unit.py", BODY_ON_UNIT);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A failed pair arithmetic's `0` passed on through several steps that
/// give an integer for an integer (`sign`, `multiply` beside a number,
/// `crement`; `invert`, `add`, `double`) to a `shift`, which fails on it.
const INT_CHAIN: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = center(x1)
    x3 = subtract(x2, UNITY)
    x4 = sign(x3)
    x5 = height(I)
    x6 = multiply(x4, x5)
    x7 = crement(x6)
    x8 = ofcolor(I, ZERO)
    x9 = recolor(EIGHT, x8)
    x10 = shift(x9, x7)
    O = paint(I, x10)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = lrcorner(x1)
    x3 = add(x2, DOWN)
    x4 = invert(x3)
    x5 = add(x4, ONE)
    x6 = double(x5)
    x7 = shift(x1, x6)
    O = fill(I, THREE, x7)
    return O
";

/// Each step on the way passes the failure on and the `shift` fails where
/// batt()'s does: every lane stays on the device (before, each lane
/// without the colour went to the CPU).
#[test]
fn a_failed_steps_integer_passed_through_several_steps_stays_on_the_device() {
    let c = check_two_sampled("int_chain.py", INT_CHAIN);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A failed integer step's `()` made a pair with a number or with itself
/// (`astuple`), read only where a pair holding `()` fails (`connect`,
/// `shoot`, `add`).
const PAIR_OF_UNIT: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = lrcorner(x1)
    x3 = last(x2)
    x4 = astuple(FOUR, x3)
    x5 = connect(x4, ORIGIN)
    O = fill(I, EIGHT, x5)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = ulcorner(x1)
    x3 = first(x2)
    x4 = astuple(x3, x3)
    x5 = shoot(x4, DOWN)
    x6 = add(x4, UNITY)
    x7 = connect(x6, x2)
    x8 = combine(x5, x7)
    O = fill(I, THREE, x8)
    return O
";

/// The pair passes the failure on and its uses fail where batt()'s do:
/// every lane stays on the device (before, each lane without the colour
/// went to the CPU).
#[test]
fn a_pair_holding_a_failed_steps_empty_tuple_stays_on_the_device() {
    let c = check_two_sampled("pair_of_unit.py", PAIR_OF_UNIT);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A failed step's `()` (`first` of no position, `uppermost` of none) read
/// in the body of an `apply` over a tuple of offsets or of integers
/// (`lbind(add, x)`), which fails on it.
const BODY_OVER_A_TUPLE: &str = include_str!("../../tests/fixtures/stand_ins/body_over_a_tuple.py");

/// The `apply` fails where the step failed, its tuple not empty: every lane
/// stays on the device (before, each lane without the position went to the
/// CPU).
#[test]
fn a_body_failing_over_a_tuple_stays_on_the_device() {
    let c = check_two_sampled("body_over_a_tuple.py", BODY_OVER_A_TUPLE);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A pair's `()`, a corner of nothing or a centre that failed, removed
/// from positions (`remove`), which gives them back.
const REMOVED_UNIT: &str = include_str!("../../tests/fixtures/stand_ins/removed_unit.py");

/// The `()` is held as a pair no position has: every lane stays on the
/// device (before, each lane without the colour went to the CPU).
#[test]
fn a_pairs_empty_tuple_removed_from_positions_stays_on_the_device() {
    let c = check_two_sampled("removed_unit.py", REMOVED_UNIT);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A failed step's `()` (an `sfilter` whose body fails) iterated by a
/// higher-order step (`mapply`, `mfilter`), which gives `()` for it, read
/// as the empty set (`combine`, `underfill`).
const CONTAINER_OF_A_FAILURE: &str =
    include_str!("../../tests/fixtures/stand_ins/container_of_a_failure.py");

/// The empty set of objects stands in: every lane stays on the device
/// (before, each lane where the `sfilter` failed went to the CPU).
#[test]
fn a_failed_steps_empty_tuple_iterated_stays_on_the_device() {
    let c = check_two_sampled("container_of_a_failure.py", CONTAINER_OF_A_FAILURE);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A failed step's `()` (`extract` or `first` of no object) shifted by each
/// element of a `mapply` (`lbind(shift, x)`), the merge read as the empty
/// set (`underfill`, `paint`).
const MERGED_EMPTY: &str = include_str!("../../tests/fixtures/stand_ins/merged_empty.py");

/// The empty object stands in: every lane stays on the device (before,
/// each lane without the object went to the CPU).
#[test]
fn a_failed_steps_empty_tuple_shifted_in_a_merged_body_stays_on_the_device() {
    let c = check_two_sampled("merged_empty.py", MERGED_EMPTY);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A failed step's `()` (`first` or `extract` of no object) shifted last
/// in a `mapply`'s composed body (`compose(lbind(shift, x), tojvec)`), the
/// merge read as the empty set (`paint`, `underfill`).
const MERGED_EMPTY_COMPOSED: &str =
    include_str!("../../tests/fixtures/stand_ins/merged_empty_composed.py");

/// The empty object stands in: every lane stays on the device (over all
/// samples, 5,296 of 6,998 lanes went to the CPU before).
#[test]
fn a_failed_steps_empty_tuple_moved_last_in_a_composed_merged_body_stays_on_the_device() {
    let c = check_two_sampled("merged_empty_composed.py", MERGED_EMPTY_COMPOSED);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A failed step's `()` (`first` of no object) handed on by `normalize`
/// or `shift` and searched by `argmin` in a callable's body or by a step's
/// `argmax`.
const FOUND_IN_A_BODY: &str = include_str!("../../tests/fixtures/stand_ins/found_in_a_body.py");

/// The empty object stands in: every lane stays on the device (before,
/// each lane without the colour went to the CPU).
#[test]
fn a_failed_steps_empty_tuple_searched_stays_on_the_device() {
    let c = check_two_sampled("found_in_a_body.py", FOUND_IN_A_BODY);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A corner of no cell of a colour (`ulcorner`, `lrcorner`, `()`) read in
/// a body by a primitive that fails on `()` (`subtract`, `last`): the
/// body of a `mapply` and of a callable value called.
const CORNER_FAILED_ON: &str = include_str!("../../tests/fixtures/stand_ins/corner_failed_on.py");

/// The body fails where the corner is `()`: every lane stays on the device
/// (before, each lane where an object lacked the colour went to the CPU).
#[test]
fn a_corner_of_nothing_failed_on_in_a_body_stays_on_the_device() {
    let c = check_two_sampled("corner_failed_on.py", CORNER_FAILED_ON);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// An arithmetic step's `0` (an offset from a centre of nothing) read by
/// pair arithmetic beside a pair, which gives what the origin gives, and
/// by a `shift`, which fails on it.
const ZERO_AS_ORIGIN: &str = include_str!("../../tests/fixtures/stand_ins/zero_as_origin.py");

/// The `0` is held as the origin: every lane stays on the device (before,
/// each lane without the colour went to the CPU).
#[test]
fn an_arithmetic_steps_zero_read_as_the_origin_stays_on_the_device() {
    let c = check_two_sampled("zero_as_origin.py", ZERO_AS_ORIGIN);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A failed integer step's `()` (`first` or `last` of no colour) chosen by
/// a `branch`, the choice read as a colour (`fill`) or compared
/// (`equality`).
const CHOSEN_UNIT: &str = include_str!("../../tests/fixtures/stand_ins/chosen_unit.py");

/// The `()` is held as the integer no value has, which the choice hands on
/// as it is: every lane stays on the device (before, each lane without the
/// colour whose `()` was chosen went to the CPU).
#[test]
fn a_failed_integer_chosen_by_a_branch_stays_on_the_device() {
    let c = check_two_sampled("chosen_unit.py", CHOSEN_UNIT);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A failed step's `()` (a corner of nothing), or an arithmetic step's `0`
/// made of one, put into a set (`insert`, `initset`), that set given back
/// (`insert` into it, `combine`), read only where a set holding either
/// fails (`fill`, `cover`, `toobject`).
const SET_OF_FAILURE: &str = include_str!("../../tests/fixtures/stand_ins/set_of_failure.py");

/// The set passes the failure on and its uses fail where batt()'s do:
/// every lane stays on the device (before, each lane without the colour
/// went to the CPU).
#[test]
fn a_set_holding_a_failed_steps_value_stays_on_the_device() {
    let c = check_two_sampled("set_of_failure.py", SET_OF_FAILURE);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A failed step's `()` (`first` or `last` of no object) handed on by two
/// steps that give `()` back for `()` (`shift`, `normalize`) before uses
/// read it as the empty set (`recolor`, `paint`).
const EMPTY_THROUGH_SHIFTS: &str = "
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, ONE)
    x3 = first(x2)
    x4 = shift(x3, UNITY)
    x5 = shift(x4, DOWN)
    x6 = recolor(EIGHT, x5)
    O = paint(I, x6)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, TWO)
    x3 = last(x2)
    x4 = normalize(x3)
    x5 = shift(x4, TWO_BY_TWO)
    x6 = shift(x5, UNITY)
    O = paint(I, x6)
    return O
";

/// The empty object stands in through both steps: only lanes whose
/// object is moved out of the frame go to the CPU (before, each lane
/// without the colour did too).
#[test]
fn a_failed_steps_empty_tuple_handed_on_twice_stays_on_the_device() {
    let c = check_two_sampled("empty_through_shifts.py", EMPTY_THROUGH_SHIFTS);
    assert!(c.flagged * 20 < c.lanes, "{}", c.summary());
    assert!(
        c.left_by_callee
            .iter()
            .all(|(callee, _)| callee == "shift(Object, Pair) -> Object: full"),
        "{:?}",
        c.left_by_callee
    );
}

/// A failed colour step's `()` (`first` or `last` of no colour) given as
/// the colour of `fill` and `canvas`, which fail on it where a cell takes
/// it.
const WIDE_COLOUR: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = toobject(x1, I)
    x3 = palette(x2)
    x4 = first(x3)
    x5 = ofcolor(I, ZERO)
    O = fill(I, x4, x5)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = toobject(x1, I)
    x3 = palette(x2)
    x4 = last(x3)
    O = canvas(x4, THREE_BY_THREE)
    return O
";

/// The `()` is an integer beyond i8, which those steps fail on exactly
/// where batt()'s do: every lane stays on the device (before, each lane
/// without the colour went to the CPU).
#[test]
fn a_failed_colour_written_to_a_grid_stays_on_the_device() {
    let c = check_two_sampled("wide_colour.py", WIDE_COLOUR);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// The outline around each object, recoloured and painted inside a
/// callable, and around the largest object, filled: an object at the
/// grid's edge has an outline partly outside the frame, which neither
/// use reads.
const OUTLINES: &str = "
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = fork(recolor, color, outbox)
    x3 = mapply(x2, x1)
    O = paint(I, x3)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = outbox(x2)
    O = fill(I, EIGHT, x3)
    return O
";

/// The outlines are clipped to the frame (`outbox(..) -> Indices
/// clipped`): no lane goes to the CPU for an object at the edge (before,
/// 177 of these 352 lanes did).
#[test]
fn outlines_leaving_the_frame_where_only_grids_read_them_stay_on_the_device() {
    let c = check_two_sampled("outlines.py", OUTLINES);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// Lines shot diagonally out of the frame, then a line shot back from
/// each of their positions: those outside the frame in one coordinate
/// only come back into it.
const LINES_BACK: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, TWO)
    x2 = urcorner(x1)
    x3 = shoot(x2, UP_RIGHT)
    x4 = underfill(I, THREE, x3)
    x5 = rbind(shoot, LEFT)
    x6 = mapply(x5, x3)
    O = underfill(x4, ONE, x6)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, ONE)
    x2 = llcorner(x1)
    x3 = shoot(x2, DOWN_LEFT)
    x4 = fill(I, SIX, x3)
    x5 = rbind(shoot, UP)
    x6 = mapply(x5, x3)
    O = underfill(x4, FOUR, x6)
    return O
";

/// The diagonal lines are offsets (`shoot(..) -> Offsets`), pairs
/// anywhere, and the lines shot back are clipped: no lane goes to the CPU
/// (before, 128 of these 352 lanes did).
#[test]
fn lines_shot_back_into_the_frame_from_outside_it_stay_on_the_device() {
    let c = check_two_sampled("lines_back.py", LINES_BACK);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// Lines as long as a colour has cells, mostly longer than the frame,
/// given one more position or chosen between two sets before they are
/// filled.
const LINES_INSERTED_AND_CHOSEN: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, ZERO)
    x2 = size(x1)
    x3 = toivec(x2)
    x4 = connect(ORIGIN, x3)
    x5 = insert(TWO_BY_TWO, x4)
    O = fill(I, FIVE, x5)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, ONE)
    x2 = size(x1)
    x3 = tojvec(x2)
    x4 = connect(ORIGIN, x3)
    x5 = ofcolor(I, TWO)
    x6 = size(x5)
    x7 = greater(x6, x2)
    x8 = branch(x7, x4, x5)
    O = fill(I, EIGHT, x8)
    return O
";

/// `insert` and `branch` pass a clipped set on (`CLIP_PASSES`): the lines
/// are clipped to the frame and no lane goes to the CPU (before, 135 of
/// these 352 lanes did).
#[test]
fn lines_given_a_position_or_chosen_before_a_fill_are_clipped() {
    let c = check_two_sampled("lines_chosen.py", LINES_INSERTED_AND_CHOSEN);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// The colour at a position off most grids, and at one off every grid
/// (its shape), compared with a number: the DSL's `None` there equals
/// none.
const OFF_THE_GRID: &str = "
def solve_00000001(I):
    x1 = astuple(EIGHT, SEVEN)
    x2 = index(I, x1)
    x3 = equality(x2, ZERO)
    x4 = branch(x3, ONE, TWO)
    x5 = ofcolor(I, ZERO)
    O = fill(I, x4, x5)
    return O

def solve_00000002(I):
    x1 = shape(I)
    x2 = index(I, x1)
    x3 = equality(x2, FIVE)
    x4 = vmirror(I)
    O = branch(x3, x4, I)
    return O
";

/// `None` is held as `BATT_NONE_INT` where every use compares it: no lane
/// goes to the CPU (before, 243 of these 352 lanes did).
#[test]
fn a_colour_off_the_grid_compared_with_a_number_stays_on_the_device() {
    let c = check_two_sampled("off_the_grid.py", OFF_THE_GRID);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// Lines shot from cells inside callables, leaving the frame, met with a
/// set of the grid's cells and counted: the parts outside the frame meet
/// nothing.
const LINES_MET: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, ZERO)
    x2 = ofcolor(I, ONE)
    x3 = rbind(shoot, DOWN)
    x4 = lbind(intersection, x1)
    x5 = chain(size, x4, x3)
    x6 = compose(even, x5)
    x7 = sfilter(x2, x6)
    O = fill(I, EIGHT, x7)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, ZERO)
    x2 = asindices(I)
    x3 = rbind(shoot, UNITY)
    x4 = rbind(intersection, x1)
    x5 = chain(size, x4, x3)
    x6 = valmax(x2, x5)
    x7 = greater(x6, FIVE)
    x8 = vmirror(I)
    O = branch(x7, x8, I)
    return O
";

/// A line met with a step's set inside a callable is clipped (the set is
/// held whole, inside the frame): no lane goes to the CPU (before, 218 of
/// these 352 lanes did).
#[test]
fn lines_met_with_a_set_of_cells_inside_a_callable_are_clipped() {
    let c = check_two_sampled("lines_met.py", LINES_MET);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// Each position of a 10x10 and of a 12x12 square as a patch of its own,
/// moved by one: 100 patches are a set of patches on the device, 144 are
/// past its 128. (The squares are canvases of the sample's colour: of
/// constants alone, the host would fold them.)
const PATCHES: &str = "
def solve_00000001(I):
    x1 = astuple(TEN, TEN)
    x0 = mostcolor(I)
    x2 = canvas(x0, x1)
    x3 = asindices(x2)
    x4 = apply(initset, x3)
    x5 = rbind(shift, UNITY)
    x6 = mapply(x5, x4)
    O = fill(I, EIGHT, x6)
    return O

def solve_00000002(I):
    x1 = astuple(12, 12)
    x0 = mostcolor(I)
    x2 = canvas(x0, x1)
    x3 = asindices(x2)
    x4 = apply(initset, x3)
    x5 = rbind(shift, UNITY)
    x6 = mapply(x5, x4)
    O = fill(I, EIGHT, x6)
    return O
";

/// A set of up to 128 patches stays on the device (at 32, the first
/// program's lanes all went to the CPU; at 16, with 25 patches, too); past
/// that the lane goes to the CPU, and every lane kept equals batt()'s.
#[test]
fn a_set_of_up_to_128_patches_stays_on_the_device() {
    let c = check_two_sampled("patches.py", PATCHES);
    assert_eq!(left_of(&c, "solve_00000001"), 0, "{}", c.summary());
    assert_eq!(
        left_of(&c, "solve_00000002"),
        c.lanes / 2,
        "{}",
        c.summary()
    );
}

/// A failed arithmetic step of pairs (a corner or centre of nothing)
/// gives `0`, which passes through a step of one integer (`double`,
/// `invert`) to a use that fails on an integer unless its patch is
/// empty (`move`, `shift`).
const INT_PASSED: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = ofcolor(I, TWO)
    x3 = lrcorner(x1)
    x4 = ulcorner(x2)
    x5 = subtract(x3, x4)
    x6 = double(x5)
    x7 = toobject(x2, I)
    O = move(I, x7, x6)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, FIVE)
    x2 = centerofmass(x1)
    x3 = add(x2, UNITY)
    x4 = invert(x3)
    x5 = shift(x1, x4)
    O = fill(I, EIGHT, x5)
    return O
";

/// Where the arithmetic fails, the step of one integer after it does not
/// (its integer is no pair), and its use fails, or gives its empty patch,
/// as on the CPU: every lane stays on the device and equals batt()'s.
#[test]
fn an_integer_passed_on_from_a_failed_step_fails_its_uses_on_the_device() {
    let c = check_two_sampled("passed.py", INT_PASSED);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// A mirror of nothing fails with `()`, which `shift` and `normalize`
/// hand on as it is to a use that reads it as the empty set.
const EMPTY_HANDED_ON: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, SEVEN)
    x2 = hmirror(x1)
    x3 = shift(x2, UNITY)
    O = fill(I, ONE, x3)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, SIX)
    x2 = dmirror(x1)
    x3 = normalize(x2)
    O = underfill(I, THREE, x3)
    return O
";

/// Where the mirror fails, the empty set stands in for its `()` through
/// the step that hands it on: no lane goes to the CPU for want of a
/// default, and every lane kept equals batt()'s.
#[test]
fn an_empty_tuple_handed_on_to_a_fill_stays_on_the_device() {
    let c = check_two_sampled("handed.py", EMPTY_HANDED_ON);
    assert_eq!(c.nodefault, 0, "{}", c.summary());
    assert!(c.flagged * 100 <= c.lanes, "{}", c.summary());
}

/// A first of a first of nothing compared with a constant: `greater`
/// fails on `()` beside a number.
const COMPARED: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, FOUR)
    x2 = first(x1)
    x3 = first(x2)
    x4 = last(x2)
    x5 = greater(x3, THREE)
    x6 = greater(SEVEN, x4)
    x7 = branch(x5, ONE, TWO)
    x8 = branch(x6, x7, THREE)
    O = canvas(x8, UNITY)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, SIX)
    x2 = last(x1)
    x3 = last(x2)
    x4 = greater(x3, ONE)
    x5 = hmirror(I)
    O = branch(x4, I, x5)
    return O
";

/// Where the first is of nothing, the comparisons fail as on the CPU: no
/// lane goes to the CPU for want of a default, and every lane kept equals
/// batt()'s.
#[test]
fn an_empty_tuple_compared_with_a_number_fails_the_comparison_on_the_device() {
    let c = check_two_sampled("compared.py", COMPARED);
    assert_eq!(c.nodefault, 0, "{}", c.summary());
}

/// One corner step shared by two programs: `shoot` fails on the `()` of
/// a corner of nothing, `equality` does not (it is `False`).
const SHARED_CORNER: &str = "
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = ulcorner(x1)
    x3 = shoot(x2, DOWN)
    O = fill(I, FIVE, x3)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, ONE)
    x2 = ulcorner(x1)
    x3 = equality(x2, ORIGIN)
    x4 = branch(x3, ONE, TWO)
    O = canvas(x4, UNITY)
    return O
";

/// Where a sample has no blue cell, the shared corner is `()`: the first
/// program's `shoot` fails there as on the CPU and its lane stays on the
/// device; the second program's lane goes to the CPU, and no kept lane
/// differs from batt().
#[test]
fn a_shared_corner_of_nothing_fails_one_use_and_leaves_the_other_to_the_cpu() {
    let c = check_two_sampled("corner.py", SHARED_CORNER);
    assert_eq!(left_of(&c, "solve_00000001"), 0, "{}", c.summary());
    assert!(left_of(&c, "solve_00000002") > 0, "{}", c.summary());
}

/// No lane depends on memory the kernels leave unset: the step library
/// built with every local the kernels leave unset filled with zeros, and
/// again with a pattern, gives every lane the same flag, output and
/// failed count. (Elements were once compared byte for byte, a grid's
/// cells past its size included, so whether a `pair` of grids or rows
/// with integers stayed on the device hung on what the stack held.)
#[test]
fn no_lane_depends_on_what_unset_memory_holds() {
    let cards = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/cards");
    let card = Interpreter::from_path(&cards).unwrap();
    let ds = data::arc_agi_1("the step kernel tests");
    let inputs: Vec<DeviceGrid> = ds
        .tasks
        .iter()
        .step_by(4)
        .flat_map(|t| t.train.iter().chain(&t.test))
        .filter_map(|pair| DeviceGrid::from_grid(&pair.input))
        .collect();
    let runs: Vec<LaneResults> = ["zero", "pattern"]
        .iter()
        .map(|fill| {
            let option = format!("-ftrivial-auto-var-init={fill}");
            let host = StepHost::with_options(&[&option]).unwrap();
            host.run(card.step_plan(), &inputs).unwrap()
        })
        .collect();
    let (zero, pattern) = (&runs[0], &runs[1]);
    let differ = (0..zero.flags.len())
        .filter(|&t| {
            zero.flags[t] != pattern.flags[t]
                || zero.failed[t] != pattern.failed[t]
                || (zero.flags[t] == 1 && zero.outs[t] != pattern.outs[t])
        })
        .count();
    println!(
        "{} lanes of {} inputs, {differ} differ",
        zero.flags.len(),
        inputs.len()
    );
    assert_eq!(differ, 0, "lanes that depend on unset memory");
}

/// Steps whose operands are all constants, as the CPU folds them at load
/// time: a chain of them passing through sets outside the frame, and
/// constant objects, integers and offsets read by the sample's steps.
const FOLDED: &str = include_str!("../../tests/fixtures/folded/constants.py");

/// The host folds them and the kernels read their values as constants:
/// every lane stays on the device and equals batt()'s (before, every lane
/// of the first program went to the CPU for its outlines).
#[test]
fn constants_folded_on_the_host_stay_on_the_device() {
    let c = check_two_sampled("constants.py", FOLDED);
    assert_eq!(c.flagged, 0, "{}", c.summary());
    let card = Interpreter::from_text("constants.py", FOLDED).unwrap();
    assert!(!card.step_plan().consts.is_empty());
}

/// A `branch` of callables giving an object or positions, read only for
/// its positions (`outbox`, `backdrop`).
const BRANCH_OF_PATCHES: &str = include_str!("../../tests/fixtures/patches/branch_of_patches.py");

/// Both programs run on the device (before, neither had a kernel: the
/// branch's two types), and every lane kept equals batt()'s; lanes whose
/// outlines leave the frame go to the CPU.
#[test]
fn a_branch_giving_an_object_or_positions_runs_on_the_device() {
    let c = check_two_sampled("branch_of_patches.py", BRANCH_OF_PATCHES);
    assert!(c.flagged < c.lanes, "{}", c.summary());
}

/// The frontiers of a grid read only where the masks of `Frontiers` hold
/// them (`sfilter`, `difference`, `astuple`, `apply` of `size`, `merge`,
/// in a call's body too).
const FRONTIERS: &str = include_str!("../../tests/fixtures/frontiers/crossing.py");

/// Every lane stays on the device and equals batt()'s. Before, every
/// sample with a uniform row and a uniform column (they cross, which the
/// label map of `Objects` cannot hold) went to the CPU: over all samples,
/// 4,044 of 6,998 lanes.
#[test]
fn frontiers_that_cross_stay_on_the_device() {
    let c = check_two_sampled("crossing.py", FRONTIERS);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// Positions around each position of a set, or a constant patch moved to
/// each, counted inside an `sfilter`'s callable.
const OFFSETS_IN_BODIES: &str = include_str!("../../tests/fixtures/offsets/bodies.py");

/// Where the element is at the frame's edge, some of those positions lie
/// outside it: offsets hold them, and every lane stays on the device and
/// equals batt()'s (over all samples, 1,712 of 6,998 lanes went to the
/// CPU before).
#[test]
fn positions_outside_the_frame_counted_in_a_body_stay_on_the_device() {
    let c = check_two_sampled("bodies.py", OFFSETS_IN_BODIES);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// The outlines of objects, one cell outside or inside them: their
/// corners, the rectangles they bound, lines shot from them.
const OUTLINES_ANYWHERE: &str = include_str!("../../tests/fixtures/patches/outlines.py");

/// Outlines leaving the frame at the grid's edge are rectangles anywhere:
/// every lane kept equals batt()'s, all of the second program's stay on
/// the device, and of the first only those with more than 64 outlines
/// (noisy grids) go to the CPU. Before, over all samples, 3,742 of 6,998
/// lanes went to the CPU; 219 now.
#[test]
fn outlines_leaving_the_frame_read_for_their_corners_stay_on_the_device() {
    let c = check_two_sampled("outlines.py", OUTLINES_ANYWHERE);
    assert_eq!(left_of(&c, "solve_00000002"), 0, "{}", c.summary());
    assert!(c.flagged * 10 < c.lanes, "{}", c.summary());
}

/// Two objects combined where they may share a position in different
/// colours, then painted.
const COMBINED: &str = include_str!("../../tests/fixtures/painted/combined.py");

/// Read only by `paint`, the combination keeps the largest colour at each
/// position: every lane kept equals batt()'s, and none goes to the CPU
/// for a combination (over all samples, 4,417 of 6,998 lanes did before;
/// 23 go now, whose grid has no object for `argmax`, a `()` no object
/// form holds).
#[test]
fn objects_combined_and_painted_stay_on_the_device() {
    let c = check_two_sampled("combined.py", COMBINED);
    assert_eq!(left_of(&c, "solve_00000001"), 0, "{}", c.summary());
    assert_no_culprit(&c, |culprit| culprit.contains("combine"));
    assert!(c.flagged * 20 < c.lanes, "{}", c.summary());
}

/// A patch placed at each position of a set, where copies may overlap,
/// filtered (in the second program by the corner of a patch that is often
/// empty, looked up in a set of positions), merged and painted.
const PLACED: &str = include_str!("../../tests/fixtures/painted/placed.py");

/// The copies are a bag, filtered as one, and the corner `()` of the
/// empty patch a pair no position has: every lane kept equals batt()'s,
/// none goes to the CPU for an object set or the filter, only for bags
/// past their cells (over all samples, 2,960 of 6,998 lanes went to the
/// CPU before, 508 now).
#[test]
fn patches_placed_where_copies_overlap_stay_on_the_device() {
    let c = check_two_sampled("placed.py", PLACED);
    assert_no_culprit(&c, |culprit| {
        culprit.contains("sfilter") || culprit.contains("-> Objects")
    });
    assert!(c.flagged * 5 < c.lanes, "{}", c.summary());
}

/// Objects moved off the frame (a normalized object up and left by its
/// shape, an object at the edge left), then moved back to positions and
/// painted, or read for their periods.
const OBJECTS_ANYWHERE: &str = include_str!("../../tests/fixtures/anywhere/objects.py");

/// Held as an object and its offset, every lane kept equals batt()'s and
/// none goes to the CPU for a move (over all samples, 4,668 of 6,998
/// lanes went to the CPU before; 46 now, whose grid has no object for
/// `argmax` or `argmin`).
#[test]
fn objects_moved_off_the_frame_and_back_stay_on_the_device() {
    let c = check_two_sampled("objects.py", OBJECTS_ANYWHERE);
    assert_no_culprit(&c, |culprit| culprit.contains("shift"));
    assert!(c.flagged * 20 < c.lanes, "{}", c.summary());
}

/// Objects scaled from their corner past the frame's edge, painted as
/// they are or moved first (by a corner that is `()` where the grid has
/// no such colour).
const SCALED: &str = include_str!("../../tests/fixtures/anywhere/scaled.py");

/// Painted, the scaled object keeps its cells inside the frame; moved, it
/// is an object anywhere where its normalized scaling fits the frame, and
/// moving it by `()` fails unless it is empty, as moving an object does.
/// Every lane kept equals batt()'s (over all samples, 827 of 6,998 lanes
/// went to the CPU before, 321 now: 275 whose scaling is larger than the
/// frame, 46 whose grid has no object; 2,857 more for the corner's `()`
/// where an object anywhere was not a patch that excuses it).
#[test]
fn objects_scaled_past_the_frame_stay_on_the_device() {
    let c = check_two_sampled("scaled.py", SCALED);
    assert!(
        c.left_by_program
            .iter()
            .all(|(p, culprit, _)| !culprit.contains("-> Object: full")
                && (p != "solve_00000001" || !culprit.contains("upscale"))),
        "{:?}",
        c.left_by_program
    );
}

/// Lines between every pair of positions of a colour, and each position
/// alone, filtered and united.
const PATCH_BAGS: &str = include_str!("../../tests/fixtures/patches/bags.py");

/// Held as bags of sets of positions, every lane kept equals batt()'s and
/// none goes to the CPU for more sets than `Patches` holds (over all
/// samples, 3,931 of 6,998 lanes went to the CPU before; 337 now, for
/// more pairs of positions than a record notes).
#[test]
fn lines_between_positions_and_positions_alone_stay_on_the_device_as_bags() {
    let c = check_two_sampled("bags.py", PATCH_BAGS);
    assert_no_culprit(&c, |culprit| culprit.contains("-> Patches"));
    assert!(c.flagged * 10 < c.lanes, "{}", c.summary());
}

/// Lines between every pair of cells of each object or colour, made and
/// filtered or united inside a callable.
const PATCH_BAGS_IN_BODIES: &str = include_str!("../../tests/fixtures/patches/bags_in_bodies.py");

/// Made as bags in the bodies, every lane kept equals batt()'s (over all
/// samples, 3,580 of 6,998 lanes went to the CPU before; 1,448 now, for
/// more pairs of cells than a record notes).
#[test]
fn lines_made_inside_a_callable_stay_on_the_device_as_bags() {
    let c = check_two_sampled("bags_in_bodies.py", PATCH_BAGS_IN_BODIES);
    assert!(c.flagged * 3 < c.lanes, "{}", c.summary());
}

/// Every pair of positions of a set, past 64 pairs: joined by lines,
/// filtered and united.
const POSITION_PAIRS: &str = include_str!("../../tests/fixtures/patches/pairs.py");

/// A product of up to 1,024 pairs of positions, its lines a bag, every
/// lane kept equals batt()'s (over all samples, 2,653 of 6,998 lanes went
/// to the CPU before, at most 64 pairs; 821 now, for more than 1,024).
#[test]
fn products_of_up_to_1024_pairs_of_positions_stay_on_the_device() {
    let c = check_two_sampled("pairs.py", POSITION_PAIRS);
    assert!(c.flagged * 5 < c.lanes, "{}", c.summary());
}

/// A patch moved by each offset around the origin, most copies off the
/// frame, the one meeting a colour most or least chosen and filled.
const MOVED_BY_OFFSETS: &str = include_str!("../../tests/fixtures/offsets/moved.py");

/// Held as a set of sets of offsets, every lane kept equals batt()'s
/// (over all samples, 3,638 of 6,998 lanes went to the CPU before; 256
/// now, for patches of more than 64 positions).
#[test]
fn a_patch_moved_by_each_offset_around_it_stays_on_the_device() {
    let c = check_two_sampled("moved.py", MOVED_BY_OFFSETS);
    assert_no_culprit(&c, |culprit| culprit.contains("-> Patches"));
    assert!(c.flagged * 10 < c.lanes, "{}", c.summary());
}

/// Callables that fail where a value no device form holds comes before
/// the error or after it: an outline's corner `()` after a failed
/// `extract`, and a corner `()` made before `outbox` fails on the empty
/// patch and read only after it.
const FAILED_FIRST: &str = include_str!("../../tests/fixtures/bodies/failed_first.py");

/// The DSL's call fails at an error not made of a value the device cannot
/// hold, whatever that value: such an element fails the step on the
/// device, as on the CPU, and every lane kept equals batt()'s (over all
/// samples, 833 of the first program's 3,499 lanes went to the CPU for
/// its `mapply` before, none now; 3,476 of the second's before, 918 now,
/// for outlines moved past the frame's top or left edge where no object
/// fails).
#[test]
fn a_callable_that_fails_on_values_the_device_holds_fails_on_the_device() {
    let c = check_two_sampled("failed_first.py", FAILED_FIRST);
    assert!(
        c.left_by_program
            .iter()
            .all(|(program, culprit, _)| program != "solve_00000001" || !culprit.contains("mapply")),
        "{:?}",
        c.left_by_program
    );
    // `mapply` calls its callable on every object until one fails: an
    // object that fails so fails the step, whatever the device could not
    // hold of the objects before it.
    assert!(
        left_of(&c, "solve_00000002") * 3 < c.lanes / 2,
        "{:?}",
        c.by_program
    );
    assert!(c.flagged * 3 < c.lanes, "{}", c.summary());
}

/// A grid's cells at each of a set of patches that overlap: objects that
/// overlap, filtered by their colours, united and filled.
const GRID_CELLS_AT_PATCHES: &str =
    include_str!("../../tests/fixtures/painted/grid_cells_at_patches.py");

/// Held as a bag of objects (`apply(Fn[Indices -> Object], Patches) ->
/// ObjBag painted`), read one by one and united where filled, every lane
/// kept equals batt()'s and none goes to the CPU for the overlap (over all
/// samples, 1,668 of 6,998 lanes went to the CPU for it before, none now;
/// 2,065 are left, for more than 32 patches).
#[test]
fn a_grids_cells_at_patches_that_overlap_stay_on_the_device() {
    let c = check_two_sampled("grid_cells_at_patches.py", GRID_CELLS_AT_PATCHES);
    assert_no_culprit(&c, |culprit| culprit.contains("-> Objects: full"));
}

/// A tuple's objects merged and painted as they come: copies of the
/// objects' cells moved along a diagonal, and objects moved to the origin
/// and then each one column further right.
const PAINTED_IN_ORDER: &str = include_str!("../../tests/fixtures/painted/in_order.py");

/// Held as the object `paint` leaves (a later cell at a position wins),
/// every lane kept equals batt()'s and none goes to the CPU for cells that
/// clash (over all samples, 3,069 of 6,998 lanes went to the CPU for
/// them before, none now; 437 are left, for tuples past 32 elements).
#[test]
fn a_tuple_merged_and_painted_in_order_stays_on_the_device() {
    let c = check_two_sampled("in_order.py", PAINTED_IN_ORDER);
    assert_no_culprit(&c, |culprit| culprit.contains("unordered: full"));
}

/// Tuples of objects normalized, whose results overlap or repeat:
/// compared for the least and the most common shape, counted, read first
/// and last.
const TUPLES_MOVED: &str = include_str!("../../tests/fixtures/anywhere/tuples.py");

/// Held as a tuple of objects that may overlap, every lane kept equals
/// batt()'s and none goes to the CPU for the overlap (over all samples,
/// the first program left 2,974 of 3,499 lanes to the CPU before, and the
/// second did not lower; 275 of 6,998 now, for more objects than `order`
/// sorts, and grids with none).
#[test]
fn tuples_of_objects_moved_where_they_overlap_stay_on_the_device() {
    let c = check_two_sampled("tuples.py", TUPLES_MOVED);
    assert_no_culprit(&c, |culprit| {
        culprit.contains("-> ObjTuple: full") && !culprit.contains("order")
    });
    assert!(c.flagged * 10 < c.lanes, "{}", c.summary());
}

/// The corners of outlines held as rectangles, where the patch may be
/// empty.
const OUTLINE_CORNERS: &str = include_str!("../../tests/fixtures/patches/outline_corners.py");

/// A failed outline's rectangle is empty, and its corners are `()`, as an
/// empty patch's are: every lane stays on the device and equals batt()'s
/// (failed counts too). Before, the corners failed: over all samples,
/// 4,032 of 6,998 lanes counted two failed steps more than batt().
#[test]
fn corners_of_an_empty_outline_are_the_empty_tuple() {
    let c = check_two_sampled("outline_corners.py", OUTLINE_CORNERS);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// Positions moved or scaled past the frame's edge: corners moved up and
/// right and rays shot back from them, positions doubled less one and
/// scaled, a colour's cells painted at each.
const POSITIONS_MOVED: &str = include_str!("../../tests/fixtures/offsets/positions_moved.py");

/// Held as offsets (`apply(Fn[Pair -> Pair], Indices) -> Offsets`,
/// `prapply(Fn[Pair, Int -> Pair], Offsets, Ints) -> Offsets`), every
/// lane kept equals batt()'s and none goes to the CPU for positions past
/// the edge (over all samples, 5,567 of 6,998 lanes went to the CPU for
/// them before, none now; 729 are left, for more than 64 offsets).
#[test]
fn positions_moved_past_the_frame_stay_on_the_device() {
    let c = check_two_sampled("positions_moved.py", POSITIONS_MOVED);
    assert_no_culprit(&c, |culprit| culprit.contains("-> Indices: full"));
}

/// A patch moved up, or down and left, and read only for its corners.
const MOVED_FOR_CORNERS: &str = include_str!("../../tests/fixtures/offsets/moved_for_corners.py");

/// Held as offsets (`shift(Indices, Pair) -> Offsets`, `ulcorner(Offsets)
/// -> Pair`, ...), every lane kept equals batt()'s and none goes to the
/// CPU for positions past the frame (a patch of more than 64 positions
/// still does).
#[test]
fn a_patch_moved_and_read_only_for_its_corners_stays_on_the_device() {
    let c = check_two_sampled("moved_for_corners.py", MOVED_FOR_CORNERS);
    assert_no_culprit(&c, |culprit| culprit.contains("-> Indices: full"));
}

/// The multiples of a period both ways, or negated alone, paired
/// (`product` of tuples of integers some of them negated), each moving a
/// patch that is filled or painted.
const PERIODS_BOTH_WAYS: &str = include_str!("../../tests/fixtures/offsets/periods_both_ways.py");

/// Held as offsets (`product(Ints, Ints) -> Offsets`), every lane kept
/// equals batt()'s and none goes to the CPU for pairs past the frame (more
/// than 128 pairs still do).
#[test]
fn pairs_of_integers_some_negated_stay_on_the_device() {
    let c = check_two_sampled("periods_both_ways.py", PERIODS_BOTH_WAYS);
    assert_no_culprit(&c, |culprit| culprit.contains("-> Indices: full"));
}

/// The neighbours of positions past the frame's edge met with a set of
/// positions held whole (`intersection`), the meet painted once scaled or
/// counted.
const MET_WHOLE: &str = include_str!("../../tests/fixtures/patches/met_whole.py");

/// The neighbours held without their positions outside the frame, every
/// lane kept equals batt()'s and none goes to the CPU.
#[test]
fn a_set_met_with_a_whole_one_stays_on_the_device() {
    let c = check_two_sampled("met_whole.py", MET_WHOLE);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// Outlines made by a callable value called on an object (`compose(backdrop,
/// inbox)`, `compose(outbox, outbox)`), past the frame's edge where the
/// object is at it, only filled.
const CLIPPED_CALLS: &str = include_str!("../../tests/fixtures/patches/clipped_calls.py");

/// The calls' values held without their positions outside the frame,
/// every lane kept equals batt()'s and none goes to the CPU.
#[test]
fn a_callable_values_outline_only_filled_stays_on_the_device() {
    let c = check_two_sampled("clipped_calls.py", CLIPPED_CALLS);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// Outlines composed onto a `branch` of callables (`identity` or
/// `outbox`), past the frame's edge where the object is at it, only
/// filled; the second `power`ed.
const BRANCH_OUTLINES: &str = include_str!("../../tests/fixtures/patches/branch_outlines.py");

/// Each arm's outline a rectangle anywhere, the last clipped: every lane
/// kept equals batt()'s and none goes to the CPU for its call (before, the
/// arms met as positions inside the frame and an outline past it left its
/// lane; the lanes of a grid with no object, whose `argmax` fails with a
/// `()` no object holds, still go).
#[test]
fn outlines_composed_onto_a_branch_of_callables_stay_on_the_device() {
    let c = check_two_sampled("branch_outlines.py", BRANCH_OUTLINES);
    assert_no_culprit(&c, |culprit| culprit.contains("call"));
    assert!(c.flagged < c.lanes / 50, "{}", c.summary());
}

/// Unions of a patch moved by each offset of a set past the frame's edge,
/// moved again by constants and painted or filled beside the union.
const MOVED_UNIONS: &str = include_str!("../../tests/fixtures/patches/moved_unions.py");

/// Each union made again with its patches moved on, both clipped: every
/// lane kept equals batt()'s and none goes to the CPU for a union (before,
/// a union past the frame, which the shift after it read, left its lane).
#[test]
fn a_union_of_moved_patches_moved_again_stays_on_the_device() {
    let c = check_two_sampled("moved_unions.py", MOVED_UNIONS);
    assert_no_culprit(&c, |culprit| {
        culprit.contains("mapply") || culprit.contains("shift")
    });
    assert!(c.flagged < c.lanes / 50, "{}", c.summary());
}

/// Patches moved in a callable's body past the frame's edge and only
/// filled: objects moved by twice their shape, their positions outside
/// their bounding boxes; a diagonal placed at each object's corner.
const CLIPPED_IN_BODIES: &str = include_str!("../../tests/fixtures/patches/clipped_in_bodies.py");

/// Held without their positions outside the frame (`shift(Object, Pair)
/// -> Object clipped` read by `toindices`, `shift(Pairs, Pair) -> Indices
/// clipped`), every lane kept equals batt()'s and none goes to the CPU
/// (over all samples, 1,735 of 6,998 lanes went to the CPU before).
#[test]
fn patches_moved_in_a_body_and_only_filled_stay_on_the_device() {
    let c = check_two_sampled("clipped_in_bodies.py", CLIPPED_IN_BODIES);
    assert_no_culprit(&c, |culprit| culprit.contains("-> Indices: full"));
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// Positions past the frame's edge put into a set (`initset`, `insert`):
/// in a key's body whose set `toobject` reads inside the grid, and as
/// steps whose set is only filled.
const INSERTED_CLIPPED: &str = include_str!("../../tests/fixtures/patches/inserted_clipped.py");

/// Held without their positions outside the frame (`initset(Pair) ->
/// Indices clipped`, `insert(Pair, Indices) -> Indices clipped`), every
/// lane kept equals batt()'s and none goes to the CPU.
#[test]
fn positions_put_into_a_set_past_the_frame_stay_on_the_device() {
    let c = check_two_sampled("inserted_clipped.py", INSERTED_CLIPPED);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// The neighbours of an outline's corners, past the frame's edge where a
/// patch is at it: in a filter's body and as steps.
const CORNERS_ANYWHERE: &str = include_str!("../../tests/fixtures/patches/corners_anywhere.py");

/// Held as offsets (`corners(Rect) -> Offsets`), every lane kept equals
/// batt()'s and none goes to the CPU.
#[test]
fn the_corners_of_outlines_anywhere_stay_on_the_device() {
    let c = check_two_sampled("corners_anywhere.py", CORNERS_ANYWHERE);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// Outlines of objects' outlines, past the frame's edge where an object is
/// near it: read by `toobject` in a key, and united and filled.
const OUTLINES_OF_OUTLINES: &str =
    include_str!("../../tests/fixtures/patches/outlines_of_outlines.py");

/// The inner outline held as a rectangle anywhere and the outer one
/// clipped (`outbox(Rect) -> Indices clipped`), every lane kept equals
/// batt()'s and none goes to the CPU (over all samples, 4,768 of 6,998
/// lanes went to the CPU before).
#[test]
fn outlines_of_outlines_stay_on_the_device() {
    let c = check_two_sampled("outlines_of_outlines.py", OUTLINES_OF_OUTLINES);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// Rays shot off the frame, filtered by a predicate that never fails and
/// filled: in a callable's body, and as a step's value.
const FILTERED_CLIPPED: &str = include_str!("../../tests/fixtures/patches/filtered_clipped.py");

/// Held without their positions outside the frame (`sfilter` passes a
/// clipped set on where its predicate calls only `TOTAL_ON_SCALARS`),
/// every lane kept equals batt()'s and none goes to the CPU (over all
/// samples, 6,975 of 6,998 lanes went to the CPU before).
#[test]
fn rays_filtered_by_a_predicate_that_never_fails_stay_on_the_device() {
    let c = check_two_sampled("filtered_clipped.py", FILTERED_CLIPPED);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// The grid's cells at the corners of objects' outlines, past the frame's
/// edge where an object touches it: read by a filter's predicate, and by
/// a recolouring painted.
const CORNERS_OF_OUTLINES: &str =
    include_str!("../../tests/fixtures/patches/corners_of_outlines.py");

/// The outline held as a rectangle anywhere and its corners clipped
/// (`corners(Rect) -> Indices clipped`), every lane kept equals batt()'s
/// and none goes to the CPU (over all samples, 4,768 of 6,998 lanes went
/// to the CPU before).
#[test]
fn corners_of_outlines_stay_on_the_device() {
    let c = check_two_sampled("corners_of_outlines.py", CORNERS_OF_OUTLINES);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// The objects of a corner of the grid ordered by size, their colours
/// counted and the largest filled with the commonest; and a row of
/// integers four times the grid's height halved, the last read.
const MANY_ELEMENTS: &str = include_str!("../../tests/fixtures/capacity/many_elements.py");

/// Tuples of up to 128 integers (`BATT_INTS`, was 32) and orders of up to
/// 256 objects (`BATT_ORDER`, was 64) are held on the device: every lane
/// kept equals batt()'s and none goes to the CPU (over all samples, 2,725
/// of 6,998 lanes went to the CPU before).
#[test]
fn tuples_of_many_integers_and_objects_ordered_stay_on_the_device() {
    let c = check_two_sampled("many_elements.py", MANY_ELEMENTS);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// The objects of a corner of the grid: their backdrops filled, and the
/// top left corners of their outlines; pairs of a smaller corner's
/// objects next to each other joined by lines.
const MANY_SETS: &str = include_str!("../../tests/fixtures/capacity/many_sets.py");

/// Sets of up to 128 sets of positions (`BATT_PATCHES`, was 32) and of up
/// to 128 outlines (`BATT_RECTS`, was 64), and products of more than 64
/// pairs of objects (`BATT_OBJPAIRS`, was 64; 1,024 now) are held on the
/// device: every lane kept equals batt()'s and none goes to the CPU (over
/// all samples, 422 of 6,998 lanes went to the CPU before; 37 with those
/// limits raised, all for more than 64 corners, which `Offsets` of 128
/// now hold).
#[test]
fn sets_of_many_patches_outlines_and_pairs_of_objects_stay_on_the_device() {
    let c = check_two_sampled("many_sets.py", MANY_SETS);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// The rows of the objects' tops as a set (its largest and smallest
/// joined by a line); the rows of the background's positions as a set
/// (`palette` of positions), ordered, counted and filled.
const ROWS_AS_SETS: &str = include_str!("../../tests/fixtures/capacity/rows_as_sets.py");

/// A set of integers (`Colours`) holds 0 to 63 (a 64-bit mask, was 0 to
/// 15): rows and columns as a set stay on the device, as do their order
/// and count. Every lane kept equals batt()'s and none goes to the CPU
/// for a set of integers it cannot hold (over all samples, 1,136 of 6,998
/// lanes went to the CPU for rows past 15 before).
#[test]
fn sets_of_rows_past_fifteen_stay_on_the_device() {
    let c = check_two_sampled("rows_as_sets.py", ROWS_AS_SETS);
    assert_no_culprit(&c, |culprit| culprit.contains("Colours: full"));
}

/// The objects ordered top to bottom paired with them ordered left to
/// right, each pair joined by a line in the first's colour and painted;
/// and the thirds of the grid, the positions of its background in each,
/// the rarest and the commonest filled.
const PAIRS_AND_COUNTS: &str = include_str!("../../tests/fixtures/tuples/pairs_and_counts.py");

/// A tuple of pairs of objects (`pair` of two tuples of objects,
/// `ObjTuplePairs`) merged by `mapply` and painted, a later line winning
/// where two cross, and a tuple of sets of positions (`apply` over a
/// tuple of grids, `PatchSeq`) counted by `leastcommon` and `mostcommon`:
/// both programs run on the device (each was left to the CPU whole
/// before), every lane kept equals batt()'s, and none goes to the CPU but
/// for orders past 256 objects.
#[test]
fn tuples_of_pairs_of_objects_and_of_sets_of_positions_stay_on_the_device() {
    let c = check_two_sampled("pairs_and_counts.py", PAIRS_AND_COUNTS);
    assert_no_culprit(&c, |culprit| !culprit.contains("order(Objects"));
}

/// Lines between pairs of objects, and rays down from objects' centres,
/// each in its object's colour, merged over tuples and underpainted.
const UNDERPAINTED: &str = include_str!("../../tests/fixtures/tuples/underpainted.py");

/// A tuple's objects merged (`mapply` over a tuple of pairs of objects and
/// over a tuple of objects) where the only use underpaints them: each
/// element's object kept in order (`ObjMerged`), so lines of different
/// colours crossing are written as `underpaint` writes them, the first
/// one not of the background's colour staying. Every lane kept equals
/// batt()'s, and none goes to the CPU for two colours at one position
/// (over all samples, 2,688 of 6,998 lanes went to the CPU for them
/// before).
#[test]
fn tuples_of_objects_merged_and_underpainted_stay_on_the_device() {
    let c = check_two_sampled("underpainted.py", UNDERPAINTED);
    assert_no_culprit(&c, |culprit| culprit.contains("-> Object unordered: full"));
    assert!(c.flagged * 10 < c.lanes, "{}", c.summary());
}

/// The objects of the grid's top left 5x5 corner paired: single cells in
/// a row joined by lines in the second's colour, painted; and adjacent
/// objects' cells filled.
const PAIRS_OF_OBJECTS: &str = include_str!("../../tests/fixtures/painted/pairs_of_objects.py");

/// Products of up to 1,024 pairs of objects (`BATT_OBJPAIRS`, was 256;
/// 25 objects of a 5x5 corner make 625) stay on the device, and a set of
/// pairs of objects merged by `mapply` and painted keeps the largest
/// colour where two fall at one position (`-> Object painted`), as
/// `paint` does: every lane kept equals batt()'s and none goes to the CPU
/// (over all samples, 554 of 6,998 lanes went to the CPU before, 468 for
/// two colours at one position and 86 for products past 256 pairs).
#[test]
fn products_of_many_objects_merged_and_painted_stay_on_the_device() {
    let c = check_two_sampled("pairs_of_objects.py", PAIRS_OF_OBJECTS);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}

/// Containers of callables the card spells out: a set of mirrors
/// composed with scalings (`product` of a set and the callables an `apply`
/// makes over an interval, each pair composed) called on the largest
/// object, moved and painted; and a tuple of mirrors called on every
/// object (`mapply(lbind(rapply, ...), objects)`), moved, its colours read
/// and filled.
const MIRRORS: &str = include_str!("../../tests/fixtures/callables/mirrors.py");

/// Sets and tuples of callables the card spells out (`initset`, `insert`,
/// `astuple`, `combine`, `totuple`, `product` and `apply(fork(compose,
/// first, last), ...)` of them) have no value on the device but stand for
/// their callables: a `rapply` of a set of them, and a `mapply` of
/// `rapply` of either over a set of objects, call each one, their objects
/// (which overlap) a bag, read by `mapply` painted and exact. Both
/// programs run on the device (before, neither did: `initset` and
/// `astuple` of callables had no kernel), and every lane kept equals
/// batt()'s.
#[test]
fn sets_and_tuples_of_callables_spelled_out_stay_on_the_device() {
    let c = check_two_sampled("mirrors.py", MIRRORS);
    assert!(c.flagged * 4 < c.lanes, "{}", c.summary());
}

/// Tuples of mirrors the card spells out called on an object: the
/// smallest one's moved and painted, the largest one's normalized and
/// filled.
const TUPLE_IN_ORDER: &str = include_str!("../../tests/fixtures/callables/tuple_in_order.py");

/// A `rapply` of a tuple of callables gives a tuple, in its callables'
/// order, which the bag of their objects does not keep: it runs on the
/// device where its objects are read only as their set's cells (merged
/// and painted or filled), and their union is the exact one (two colours
/// at one position leave the lane to the CPU, never the largest colour
/// painted, which a tuple's order would not give). Both programs run on
/// the device (before, neither did), every lane kept equals batt()'s.
#[test]
fn tuples_of_callables_spelled_out_stay_on_the_device_where_read_as_sets() {
    let c = check_two_sampled("tuple_in_order.py", TUPLE_IN_ORDER);
    assert_no_culprit(&c, |culprit| culprit.contains("painted"));
    assert!(
        left_of(&c, "solve_00000001") * 10 < c.lanes,
        "{}",
        c.summary()
    );
}

/// Tuples of sets of positions made of pairs (the neighbours of a
/// diagonal, lines from the origin), each moved by its own offset
/// (`papply(shift, ...)`), merged and filled.
const PATCHES_PAIRED: &str = include_str!("../../tests/fixtures/tuples/patches_paired.py");

/// A tuple of sets of positions made by `apply` over a tuple of pairs is
/// kept in order (`PatchSeq`), for `papply` to pair each with its offset;
/// what `papply` gives, merged and filled, is a set standing for the
/// tuple. Both programs run on the device (before, neither did: no
/// `apply` over pairs gave sets of positions) and every lane kept equals
/// batt()'s (those left are lines moved past the frame).
#[test]
fn tuples_of_sets_of_positions_paired_with_offsets_stay_on_the_device() {
    let c = check_two_sampled("patches_paired.py", PATCHES_PAIRED);
    assert!(c.flagged * 3 < c.lanes, "{}", c.summary());
}

/// A 9x9 corner's background positions turned and moved by each offset
/// around the origin, the move meeting them most filled; the neighbours of
/// the origin scaled by every other integer below the grid's height,
/// moved to its centre and filled.
const LARGE_OFFSETS: &str = include_str!("../../tests/fixtures/offsets/large_sets.py");

/// Sets of up to 128 offsets (`BATT_OFFSETS`, was 64), and sets of them
/// whose pairs share one pool of 2,048 (`OffsetsSet`, was 32 sets of 64
/// each): every lane kept equals batt()'s and none goes to the CPU (over
/// all samples, 1,752 of 6,998 lanes went to the CPU before).
#[test]
fn sets_of_many_offsets_and_sets_of_them_stay_on_the_device() {
    let c = check_two_sampled("large_sets.py", LARGE_OFFSETS);
    assert_eq!(c.flagged, 0, "{}", c.summary());
}
