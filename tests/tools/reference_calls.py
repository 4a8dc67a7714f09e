"""Expected values of DSL calls, computed by the reference DSL.

Usage:

    python3 tests/tools/reference_calls.py PATH/TO/arc-dsl/dsl.py \
        > tests/fixtures/reference/dsl_calls.json

PATH/TO/arc-dsl is a checkout of michaelhodel/arc-dsl (its `dsl.py` and
`arc_types.py`); the fixture in the repository was computed at the commit
named by REFERENCE_COMMIT below. The reference is only run, never copied.

The calls are listed in `cases()`: a primitive's name and its arguments as
Python values (primitives passed as functions, `Call(...)` for an argument
that is itself a call, such as `rbind(add, 1)`). Each call is evaluated
once by the reference; the output is a JSON list of objects

    {"prim": NAME, "args": [ARG, ...], "expect": VALUE}

where a value is encoded as: null (None), true/false, an integer,
{"tuple": [...]}, {"set": [...]} (elements in a fixed order), {"prim":
NAME} (a primitive as a value), {"call": NAME, "args": [...]} (an argument
built by a call), and "expect" is {"error": EXCEPTION_NAME} when the
reference raises. A case marked `differs=REASON` is one of batt's
documented differences (batt-runtime/src/dsl/mod.rs): the fixture keeps the
reference's value and its "differs" reason, and the test checks that batt's
value is not that one, so that the list stays true.

`batt-runtime/tests/reference.rs` evaluates the same calls with batt and
compares.
"""

import importlib.util
import json
import random
import sys
from pathlib import Path

REFERENCE_COMMIT = "635de49"  # michaelhodel/arc-dsl HEAD; dsl.py last changed in c1c0b95


class Call:
    """An argument that is the value of a call of a primitive."""

    def __init__(self, name, *args):
        self.name = name
        self.args = args


class Case:
    def __init__(self, name, *args, differs=None):
        self.name = name
        self.args = args
        self.differs = differs


def load(path):
    path = Path(path).resolve()
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location("dsl", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def encode(v, dsl):
    if v is None or isinstance(v, bool) or isinstance(v, int):
        return v
    if isinstance(v, tuple):
        return {"tuple": [encode(x, dsl) for x in v]}
    if isinstance(v, frozenset):
        items = [encode(x, dsl) for x in v]
        items.sort(key=lambda e: json.dumps(e, sort_keys=True))
        return {"set": items}
    if isinstance(v, Call):
        return {"call": v.name, "args": [encode(a, dsl) for a in v.args]}
    if callable(v) and getattr(dsl, getattr(v, "__name__", ""), None) is v:
        return {"prim": v.__name__}
    raise TypeError(f"cannot encode {v!r}")


def evaluate(v, dsl):
    if isinstance(v, Call):
        return getattr(dsl, v.name)(*(evaluate(a, dsl) for a in v.args))
    return v


def run(case, dsl):
    try:
        args = [evaluate(a, dsl) for a in case.args]
        result = getattr(dsl, case.name)(*args)
        return encode(result, dsl)
    except TypeError as e:
        if str(e).startswith("cannot encode"):
            raise
        return {"error": type(e).__name__}
    except Exception as e:  # noqa: BLE001 - every exception is a value here
        return {"error": type(e).__name__}


def grid(rows):
    return tuple(tuple(r) for r in rows)


def random_grid(rng, h, w, colours=4):
    return tuple(tuple(rng.randrange(colours) for _ in range(w)) for _ in range(h))


def cases(d):
    """The calls: the primitives whose semantics changed after the first
    published reference, and the steps batt used to fail where the
    reference completes. `d` is the reference module (for primitives as
    values)."""
    E = frozenset()
    g = grid([[1, 2, 2], [0, 2, 1]])
    sq = grid([[1, 1, 0], [1, 0, 0], [1, 1, 1]])
    ind = frozenset({(0, 0), (1, 2), (2, 1)})
    obj = frozenset({(2, (0, 1)), (2, (1, 1)), (3, (1, 2))})
    far = frozenset({(5, (-3, 4)), (6, (-2, 6))})
    out = []

    # Empty patches: shift, normalize, box, backdrop, delta return them.
    for p in [E, ()]:
        for by in [(1, 2), (0, 0), (-4, 7), 5, (1, 2, 3), E]:
            out.append(Case("shift", p, by))
        for name in ["normalize", "box", "backdrop", "delta", "toindices", "inbox", "outbox",
                     "ulcorner", "corners", "center", "hmirror", "vmirror", "dmirror",
                     "cmirror", "height", "width", "shape", "hperiod", "vperiod"]:
            out.append(Case(name, p))
    for p in [ind, obj, far, frozenset({(4, 4)}), ((0, 0), (2, 3)), ((1, (0, 0)), (2, (1, 3)))]:
        for by in [(1, 2), (0, 0), (-4, 7), 5, (1, 2, 3)]:
            out.append(Case("shift", p, by))
        for name in ["normalize", "box", "backdrop", "delta"]:
            out.append(Case(name, p))
    for bad in [0, 7, d.add]:
        for name in ["normalize", "box", "backdrop", "delta"]:
            out.append(Case(name, bad))
        out.append(Case("shift", bad, (1, 1)))
    # ... and so the primitives built on them take an empty object.
    for gr in [g, sq, grid([[4]])]:
        for o in [E, ()]:
            for by in [(1, 1), (0, 0), 3]:
                out.append(Case("move", gr, o, by))
            out.append(Case("occurrences", gr, o))
        for o in [obj, far, frozenset({(1, (0, 0))}), frozenset({(2, (0, 0)), (1, (0, 1))})]:
            out.append(Case("move", gr, o, (1, 0)))
            out.append(Case("occurrences", gr, o))
        out.append(Case("move", gr, ind, (1, 0)))
        out.append(Case("occurrences", gr, ind))
    for o in [E, obj, far, frozenset({(1, (0, 0)), (1, (0, 2)), (1, (2, 0))})]:
        out.append(Case("hperiod", o))
        out.append(Case("vperiod", o))
        for f in [0, 1, 2, -1]:
            out.append(Case("upscale", o, f))
    for f in [0, 1, 2]:
        out.append(Case("upscale", (), f))
        out.append(Case("upscale", g, f))

    # difference keeps the first container's kind and order.
    tuples = [(), (1, 2, 2, 3), (3, 1), (1, True, 0, False), ((1, 2), (3, 4), (1, 2)),
              (E, frozenset({1})), g, sq]
    sets = [E, frozenset({1, 2, 3}), frozenset({0, 5}), ind, obj, frozenset({(0, 0), (9, 9)}),
            frozenset({(2, (0, 1)), (5, (5, 5))}), frozenset({(1, 2)}), frozenset({(1, 1, 0)})]
    for a in tuples + sets:
        for b in tuples + sets:
            out.append(Case("difference", a, b))
    for a, b in [(5, 3), (5, E), (E, 5), ((), 5), ((1, 2), 3), (ind, 0), (3, (1, 2)),
                 (frozenset({1}), d.add), ((1,), d.add), (d.add, d.add)]:
        out.append(Case("difference", a, b))

    # downscale reads the first row's width; later rows may be longer.
    for gr in [g, sq, grid([[1, 2, 3, 4], [5, 6, 7, 8], [9, 0, 1, 2]]), ((1, 2, 3), (4, 5, 6, 7)),
               ((1, 2, 3), (4,)), ((1,), (2, 3), (4, 5, 6)), ((), ()), (), ((1, 2), ()),
               (((1, 2), (3, 4)), ((5, 6), (7, 8))), ((1, 2, 3),), ((E, 1), (2, 3))]:
        for f in [1, 2, 3, -2, 0]:
            out.append(Case("downscale", gr, f))

    # valmax and valmin return the key, whatever it is.
    for c in [((),), (E,), ((), ()), (E, ind), (ind, E), (obj,), ((1, 2), (3, 4, 5)),
              (ind, frozenset({(0, 0)})), (frozenset({(0, 0)}), ind)]:
        for key in [d.backdrop, d.toindices, d.size, d.identity, d.normalize, d.box, d.delta]:
            out.append(Case("valmax", c, key))
            out.append(Case("valmin", c, key))
    for c in [(), E, (1, 5, 3), frozenset({1, 5, 3})]:
        for key in [d.identity, d.invert, d.backdrop, d.initset, d.double]:
            out.append(Case("valmax", c, key))
            out.append(Case("valmin", c, key))

    # cellwise reads only the first grid's range of the second.
    big = grid([[1, 2, 2, 5], [0, 2, 3, 5], [7, 7, 7, 7]])
    for a, b in [(g, big), (big, g), (g, g), (g, grid([[1, 2, 2]])), (grid([[1]]), big),
                 (g, ((1, 2, 2, 9), (0, 2))), (g, ((1, 2, 2, 9), (0, 2, 1, 9))),
                 ((), g), (g, ()), (((1, 2), (3, 4)), ((1, 2), (3, 4))), (((), (), ()), g),
                 (((), ()), ((1,),)), (((), ()), 5)]:
        for fb in [0, 9]:
            out.append(Case("cellwise", a, b, fb))
    out.append(Case("cellwise", g, big, (1, 2), differs="a grid holds colours"))
    for a, b in [(g, ((1, 2, 2, 9), (0, 2, 1), (5,))), (((1, 2), (3, 4, 5)), ((1, 2, 2), (3, 9))),
                 (((1, E), (3, 4)), ((1, E, 0), (0, 4))), (g, ((1, 2), (0, 2, 1)))]:
        for fb in [0, (1, 2)]:
            out.append(Case("cellwise", a, b, fb))

    # fill, on grids of every shape, with patches reaching outside.
    rng = random.Random(18)
    for h, w in [(1, 30), (30, 1), (2, 30), (30, 29), (5, 17), (1, 1)]:
        gr = random_grid(rng, h, w)
        for p in [E, ind, obj, far, frozenset({(h - 1, w - 1), (h, w), (0, w - 1), (h - 1, 0)}),
                  frozenset((i, j) for i in range(-1, h + 1, 3) for j in range(-1, w + 1, 2))]:
            out.append(Case("fill", gr, 7, p))
            if h * w <= 100:
                out.append(Case("underfill", gr, 7, p))
        out.append(Case("fill", gr, 7, d.asindices(gr)))
        out.append(Case("fill", gr, 7, d.asindices(d.hconcat(gr, gr))))
        out.append(Case("fill", gr, 7, d.asindices(d.vconcat(gr, gr))))
        out.append(Case("fill", gr, 7, d.asindices(d.dmirror(gr))))
        out.append(Case("cellwise", gr, d.hconcat(gr, gr), 0))
        out.append(Case("cellwise", gr, d.vconcat(gr, gr), 0))
        out.append(Case("downscale", d.hconcat(gr, gr), 2))
        for big in [d.hconcat(gr, gr), d.vconcat(gr, gr)]:
            out.append(Case("fill", big, 3, frozenset({(0, 0), (h, w), (2 * h - 1, w - 1),
                                                       (h - 1, 2 * w - 1)})))
    for gr in [g, grid([[1, 2], [3, 4]]), grid([[1, 2, 3]])]:
        for p in [ind, ((0, 0), (1, 1)), grid([[0, 1], [1, 0]]), grid([[0, 0, 1]]), obj]:
            out.append(Case("fill", gr, 5, p))
    out.append(Case("fill", g, (1, 2), ind, differs="a grid holds colours"))
    out.append(Case("fill", g, (1, 2), E))

    # Higher-order primitives whose function fails on some element, or
    # succeeds now on an empty patch. Only calls whose result does not hang
    # on Python's set order: no ties, integer or tuple keys, no `first` of
    # a set, no `extract` with two matches in a set.
    conts = [(E, ind, obj), (ind, E), (obj, far), ((), (1, 2)), (1, 2, 3), (), (far, E, obj)]
    sets_of_sets = [frozenset({ind, obj}), frozenset({E, ind}), frozenset({E, far})]
    for c in conts:
        for f in [d.normalize, d.backdrop, d.box, d.delta, d.size, d.ulcorner, d.height,
                  d.palette]:
            out.append(Case("apply", f, c))
        for f in [d.size, d.ulcorner, d.height, d.width, d.lowermost]:
            out.append(Case("order", c, f))
            out.append(Case("argmin", c, f))
            out.append(Case("argmax", c, f))
    for c in conts + sets_of_sets:
        for f in [d.identity, Call("matcher", d.size, 0), Call("matcher", d.normalize, E),
                  Call("matcher", d.backdrop, E), Call("compose", d.flip, d.normalize),
                  Call("matcher", d.box, E)]:
            out.append(Case("sfilter", c, f))
        for f in [Call("matcher", d.size, 0), Call("matcher", d.normalize, E),
                  Call("matcher", d.backdrop, E), Call("matcher", d.delta, E)]:
            out.append(Case("extract", c, f))
    for c in sets_of_sets:
        for f in [d.normalize, d.backdrop, d.box, d.delta, d.size]:
            out.append(Case("apply", f, c))
        for f in [d.height, d.width]:
            out.append(Case("argmin", c, f))
            out.append(Case("argmax", c, f))
    # Documented differences: keys that are sets (a partial order, which
    # Python's sort and max read one comparison at a time), a grid of more
    # than two columns read as a patch, the first element of a set.
    for f in [d.backdrop, d.delta]:
        out.append(Case("order", (E, ind, obj), f, differs="set-valued keys"))
    out.append(Case("order", (obj, far), d.backdrop, differs="set-valued keys"))
    for name in ["order", "argmin", "argmax"]:
        out.append(Case(name, (g, sq), d.ulcorner, differs="a grid read as a patch"))
    out.append(Case("apply", d.ulcorner, (g, sq), differs="a grid read as a patch"))
    out.append(Case("apply", d.first, (obj, far), differs="set order"))

    # switch on rows of any values; a value that is not a colour written
    # into a grid of colours is a documented difference.
    for gr in [g, sq, grid([[1, 1], [1, 1]])]:
        for a, b in [(1, 2), (2, 1), (1, 1), (0, 9), (9, 8), (1, True), (True, 2)]:
            out.append(Case("switch", gr, a, b))
        out.append(Case("switch", gr, (1, 2), 1, differs="a grid holds colours"))
    for gr in [((1, (1, 2)), (2, 1)), (((1, 2), 3), (3, (1, 2))), ((E, 1), (1, E)),
               ((1, 2, 3), (4,)), ((1,), (2, 1, 1))]:
        for a, b in [(1, 2), ((1, 2), 3), (E, 1), (3, 3), (4, 2)]:
            out.append(Case("switch", gr, a, b))
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    dsl = load(sys.argv[1])
    rows = []
    for case in cases(dsl):
        row = {
            "prim": case.name,
            "args": [encode(a, dsl) for a in case.args],
            "expect": run(case, dsl),
        }
        if case.differs:
            row["differs"] = case.differs
        rows.append(row)
    # One call a line, so that a change to the fixture reads as a diff.
    lines = ",\n".join(json.dumps(row, separators=(",", ":")) for row in rows)
    sys.stdout.write(f'{{"reference":"{REFERENCE_COMMIT}","calls":[\n{lines}\n]}}\n')


if __name__ == "__main__":
    main()
