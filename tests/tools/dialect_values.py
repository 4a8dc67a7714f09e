"""Expected values of dialect primitives, computed by a dialect's own
Python DSL, for `batt-runtime/tests/dialect_versions.rs`.

Usage (the DSL is read, never committed):

    python3 tests/tools/dialect_values.py DSL_DIR DATA_DIR VERSION SOURCE > OUT.json

DSL_DIR holds that version's `dsl.py`, `arc_types.py` and `constants.py`
(numpy importable); DATA_DIR is `data/arc-agi-1/training`; VERSION the
batt name of the version (`batt-2025-07`, `batt-2025-11`); SOURCE a note
on where the DSL came from (repository and commit), written into the file.

Each call is an expression of the card language over `I` (the first
demonstration input of a task) and the DSL's constants. A value is written
in a canonical text form (see `canon`); a call that raises, or returns a
float (`nan`, `inf`: what batt's integers cannot hold), is `"error"`.
Calls marked unordered compare with every tuple sorted, for values whose
order is the DSL's set iteration order (hash order), which batt replaces by
its canonical order.
"""
import json
import logging
import math
import os
import sys

TASKS = ["007bbfb7", "05f2a901", "1caeab9d", "25ff71a9", "3aa6fb7a",
         "6e82a1ae", "88a10436", "a61f2674", "d5d6de2d", "b6afb2da"]

# (expression, unordered)
CALLS = [
    ("objects(I, T, F, T)", False),
    ("partition(I)", False),
    ("fgpartition(I)", False),
    ("asobject(I)", False),
    ("o_g(I, R5)", False),
    ("o_g(I, R1)", False),
    ("o_g_t(I, R5)", True),
    ("o_g_t(I, R3)", True),
    ("o_g_tuple(I, R5)", True),
    ("objects_t(I, T, F, T)", True),
    ("objects_g(I, F, T, T)", True),
    ("colorfilter_t(o_g_t(I, R5), ZERO)", True),
    ("colorfilter_t(o_g_t(I, R7), TWO)", True),
    ("sizefilter_t(o_g_t(I, R5), ONE)", True),
    ("sizefilter_t(o_g_t(I, R7), FOUR)", True),
    ("difference_t(o_g_t(I, R5), colorfilter_t(o_g_t(I, R5), ZERO))", True),
    ("ascell(ORIGIN, FIVE)", False),
    ("ascell(UNITY, TWO)", False),
    ("toij(ascell(UNITY, TWO))", False),
    ("astriple(ONE, TWO, THREE)", False),
    ("insert(astriple(ZERO, ZERO, FIVE), asobject(I))", False),
    ("toij(first_t(totuple(asobject(I))))", False),
    ("get_nth_t(first_t(totuple(asobject(I))), F0)", False),
    ("get_nth_t(first_t(totuple(asobject(I))), L1)", False),
    ("last_t(first_t(totuple(asobject(I))))", False),
    ("apply(last_t, totuple(asobject(I)))", True),
    ("apply(toij, totuple(asobject(I)))", True),
    ("celltuple(totuple(f_ofcolor(I, ZERO)), totuple(f_ofcolor(I, ZERO)))", True),
    ("color(recolor_i(SEVEN, f_ofcolor(I, ZERO)))", False),
    ("color(totuple(recolor_i(SEVEN, f_ofcolor(I, ZERO))))", False),
    ("recolor_i(SEVEN, f_ofcolor(I, ZERO))", False),
    ("recolor_o(THREE, asobject(I))", False),
    ("toobject(f_ofcolor(I, ZERO), I)", False),
    ("toindices(asobject(I))", False),
    ("shift(asobject(I), UNITY)", False),
    ("normalize(shift(asobject(I), UNITY))", False),
    ("hmirror_f(asobject(I))", False),
    ("vmirror_f(asobject(I))", False),
    ("dmirror_f(asobject(I))", False),
    ("paint(I, shift(asobject(I), UNITY))", False),
    ("underpaint(I, recolor_i(NINE, asindices(I)))", False),
    ("upscale_f(asobject(I), TWO)", False),
    ("palette_f(asobject(I))", False),
    ("p_f(asobject(I))", False),
    ("mostcolor_f(asobject(I))", False),
    ("leastcolor_f(asobject(I))", False),
    ("colorcount_f(asobject(I), ZERO)", False),
    ("get_color_rank_f(asobject(I), F0)", False),
    ("get_color_rank_f(asobject(I), F9)", False),
    ("get_color_rank_t(I, F0)", False),
    ("get_color_rank_t(I, F9)", False),
    ("get_common_rank_t(first_t(I), F0)", False),
    ("get_common_rank_t(first_t(I), F9)", False),
    ("get_common_rank_f(palette_t(I), F9)", False),
    ("get_arg_rank_f(o_g(I, R5), size, F0)", False),
    ("get_arg_rank_f(o_g(I, R5), size, F9)", False),
    ("get_arg_rank_t(o_g_t(I, R5), size, F9)", False),
    ("get_nth_f(o_g(I, R5), F9)", False),
    ("get_nth_t(o_g_t(I, R5), F9)", False),
    ("first_t(remove_t(first_t(I), first_t(I)))", False),
    ("last_t(remove_t(first_t(I), first_t(I)))", False),
    ("first_f(remove_f(palette_t(I), palette_t(I)))", False),
    ("last_f(remove_f(palette_t(I), palette_t(I)))", False),
    ("last(remove_t(first_t(I), first_t(I)))", False),
    ("extract(palette_t(I), rbind(greater, TEN))", False),
    ("extract(palette_t(I), rbind(greater, ZERO))", False),
    ("other_t(first_t(I), ZERO)", False),
    ("add(ONE, first_t(remove_t(first_t(I), first_t(I))))", False),
    ("subtract(FIVE, first_t(remove_t(first_t(I), first_t(I))))", False),
    ("multiply(THREE, first_t(remove_t(first_t(I), first_t(I))))", False),
    ("divide(SIX, first_t(remove_t(first_t(I), first_t(I))))", False),
    ("add(size(I), TWO)", False),
    ("crop(I, ORIGIN, TWO_BY_TWO)", False),
    ("crop(I, UNITY, shape_t(I))", False),
    ("crop(I, NEG_UNITY, TWO_BY_TWO)", False),
    ("subgrid(f_ofcolor(I, ZERO), I)", False),
    ("subgrid(f_ofcolor(I, TEN), I)", False),
    ("subgrid(shift(asobject(I), UNITY), I)", False),
    ("center(f_ofcolor(I, ZERO))", False),
    ("center(totuple(asobject(I)))", False),
    ("center(asobject(I))", False),
    ("centerofmass(asobject(I))", False),
    ("ulcorner(asobject(I))", False),
    ("lrcorner(totuple(asobject(I)))", False),
    ("backdrop(shift(asobject(I), UNITY))", False),
    ("box(asobject(I))", False),
    ("delta(recolor_i(ONE, f_ofcolor(I, ZERO)))", False),
    ("frontiers(I)", False),
    ("hperiod(asobject(I))", False),
    ("vperiod(asobject(I))", False),
    ("occurrences(I, recolor_i(ZERO, initset(ORIGIN)))", False),
    ("mfilter_f(o_g(I, R5), rbind(bordering, I))", False),
    ("size_f(merge_f(o_g(I, R5)))", False),
    ("sfilter_f(asobject(I), compose(rbind(equality, ZERO), last_t))", False),
    ("apply(color, o_g(I, R5))", False),
    ("apply(compose(toij, first_t), o_g_t(I, R5))", True),
]


def canon(v, unordered):
    if isinstance(v, float):
        raise ValueError("a float")
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, int):
        return str(v)
    if v is None:
        return "None"
    if isinstance(v, frozenset) or isinstance(v, set):
        return "{" + ",".join(sorted(canon(x, unordered) for x in v)) + "}"
    if isinstance(v, tuple):
        items = [canon(x, unordered) for x in v]
        if unordered:
            items.sort()
        return "(" + ",".join(items) + ")"
    raise ValueError(f"cannot write {type(v).__name__}")


def main():
    dsl_dir, data_dir, version, source = sys.argv[1:5]
    sys.path.insert(0, dsl_dir)
    logging.disable(logging.CRITICAL)
    stdout = sys.stdout
    sys.stdout = sys.stderr  # the DSL may print on import
    import constants
    import dsl
    sys.stdout = stdout
    names = {}
    for module in (dsl, constants):
        names.update({k: v for k, v in vars(module).items() if not k.startswith("__")})
    calls = []
    for task in TASKS:
        with open(os.path.join(data_dir, task + ".json")) as f:
            data = json.load(f)
        grid = tuple(tuple(row) for row in data["train"][0]["input"])
        for expr, unordered in CALLS:
            env = dict(names)
            env["I"] = grid
            try:
                value = canon(eval(expr, env), unordered)
            except NameError:
                continue  # a name this version does not have
            except Exception:
                value = "error"
            calls.append({"task": task, "expr": expr, "unordered": unordered, "value": value})
    json.dump({"version": version, "source": source, "calls": calls}, stdout, indent=0)
    stdout.write("\n")


if __name__ == "__main__":
    main()
