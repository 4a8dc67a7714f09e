//! Dialect versions against their own Python: every call of
//! `tests/fixtures/dialect/<version>.json` (values computed by that
//! version's `dsl.py` with `tests/tools/dialect_values.py`; the file names
//! the commit) is evaluated by batt under that version and must give the
//! same value, or fail where the Python raised. Also: how a card chooses
//! its version.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use batt_runtime::batt::{self, Sample};
use batt_runtime::card::Card;
use batt_runtime::dataset::{self, SplitFilter};
use batt_runtime::dsl::dialect::version::Version;
use batt_runtime::dsl::{Ctx, Kind, Value};
use batt_runtime::interp::Interpreter;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn training() -> PathBuf {
    let data = root().join("data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |l| eprintln!("{l}"))
        .unwrap();
    data.join("arc-agi-1/training")
}

/// The canonical text of a value, as `dialect_values.py` writes it: sets
/// with their elements' texts sorted, tuples in order (sorted too when
/// `unordered`).
fn canon(v: &Value, unordered: bool) -> String {
    match v.kind() {
        Kind::None => "None".to_owned(),
        Kind::Number => v.as_int().unwrap().to_string(),
        Kind::Func => "<function>".to_owned(),
        Kind::Tuple | Kind::Set => {
            let mut items: Vec<String> = v
                .items()
                .unwrap()
                .iter()
                .map(|x| canon(x, unordered))
                .collect();
            let set = v.kind() == Kind::Set;
            if set || unordered {
                items.sort();
            }
            let (open, close) = if set { ("{", "}") } else { ("(", ")") };
            format!("{open}{}{close}", items.join(","))
        }
    }
}

#[derive(serde::Deserialize)]
struct Fixture {
    version: String,
    source: String,
    calls: Vec<Call>,
}

#[derive(serde::Deserialize)]
struct Call {
    task: String,
    expr: String,
    unordered: bool,
    value: String,
}

/// Evaluates every call of the fixture under its version; returns the
/// mismatches, one line each.
fn mismatches(version: Version) -> (usize, Vec<String>) {
    let path = root().join(format!("tests/fixtures/dialect/{}.json", version.name()));
    let fixture: Fixture = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(fixture.version, version.name());
    assert!(
        !fixture.source.is_empty(),
        "the fixture says where its values came from"
    );
    let ds = dataset::load(&training(), SplitFilter::All).unwrap();
    let tasks: std::collections::BTreeSet<&str> =
        fixture.calls.iter().map(|c| c.task.as_str()).collect();
    let mut wrong = Vec::new();
    for task_id in tasks {
        let calls: Vec<&Call> = fixture.calls.iter().filter(|c| c.task == task_id).collect();
        // One card per task: a solver per call, under the version's pragma.
        let mut text = format!("# batt: dialect={}\n", version.name());
        for (k, call) in calls.iter().enumerate() {
            let _ = write!(
                text,
                "def solve_{task_id}_{k:03}(S, I, C):\n    O = {}\n    return O\n\n",
                call.expr
            );
        }
        let tmp = tempfile::tempdir().unwrap();
        let card_path = tmp.path().join("calls.py");
        std::fs::write(&card_path, &text).unwrap();
        let interp = Interpreter::from_path(&card_path).unwrap();
        assert_eq!(interp.dialect(), version);
        let task = ds.tasks.iter().find(|t| t.id == task_id).unwrap();
        let demos = batt::demos(task);
        let sample = task.samples().next().unwrap();
        let sample = Sample::new(&demos, &sample);
        let out = interp.batt(&sample, &mut Ctx::default());
        for (k, call) in calls.iter().enumerate() {
            // A failed step takes the safe default of its type, as the
            // `batt-2025-11` Python's functions do on an exception: compare
            // the value, unless the Python raised.
            let got = if out.failed[k] > 0 && call.value == "error" {
                "error".to_owned()
            } else {
                let _version = batt_runtime::dsl::dialect::version::enter(version);
                canon(&out.o[k].1, call.unordered)
            };
            if got != call.value {
                wrong.push(format!(
                    "{task_id} {}: python {} batt {got}",
                    call.expr, call.value
                ));
            }
        }
    }
    (fixture.calls.len(), wrong)
}

/// Calls where batt and the dialect's Python differ by design, each with
/// its reason (the table in `docs/dialect.md` lists them).
fn known(version: Version, line: &str) -> bool {
    // Set iteration order: the Python takes an element of a set (or sorts
    // ties stably) in hash order, batt in its canonical order.
    let set_order = [
        "first_t(totuple(asobject(I)))",
        "last_f(remove_f(palette_t(I), palette_t(I)))",
        "get_arg_rank_f(o_g(I, R5), size, F0)",
        "apply(compose(toij, first_t), o_g_t(I, R5))",
        "extract(palette_t(I), rbind(greater, ZERO))",
    ];
    // batt-2025-07 keeps the reference `center` (a tuple's width is the
    // length of its first element), and `()` where that Python has `None`
    // for "no such item" in these four (batt's dialect followed their
    // later form); the reference's failed `extract` gives the same `None`
    // as a failed step, counted as failed.
    let batt_2025_07 = [
        "center(totuple(asobject(I)))",
        "get_nth_f(o_g(I, R5), F9)",
        "get_arg_rank_f(o_g(I, R5), size, F9)",
        "other_t(first_t(I), ZERO)",
        "extract(palette_t(I), rbind(greater, TEN))",
    ];
    // batt-2025-11's Python returns its own default on an exception (its
    // `safe_dsl`: `()` for a number); a failed step in batt takes the
    // catalogue's safe default of the type (0 for a number).
    let batt_2025_11 = ["divide(SIX, first_t(remove_t(first_t(I), first_t(I))))"];
    let by_version: &[&str] = match version {
        Version::Batt2025_07 => &batt_2025_07,
        Version::Batt2025_11 => &batt_2025_11,
        Version::Reference => &[],
    };
    set_order.iter().any(|e| line.contains(e))
        || by_version
            .iter()
            .any(|e| line.contains(&format!(" {e}: python")))
}

fn check(version: Version) {
    let (n, wrong) = mismatches(version);
    assert!(n >= 300, "a few hundred calls: {n}");
    let unexplained: Vec<&String> = wrong.iter().filter(|l| !known(version, l)).collect();
    assert!(
        unexplained.is_empty(),
        "{} of {n} calls differ from the {} Python:\n{}",
        unexplained.len(),
        version.name(),
        unexplained
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn batt_2025_11_gives_its_pythons_values() {
    check(Version::Batt2025_11);
}

#[test]
fn batt_2025_07_gives_its_pythons_values() {
    check(Version::Batt2025_07);
}

fn load(text: &str) -> Result<Interpreter, String> {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("card.py");
    std::fs::write(&path, text).unwrap();
    Interpreter::from_path(&path)
}

const PLAIN: &str = "def solve_67a3c6ac(S, I, C):\n    O = vmirror(I)\n    return O\n";

#[test]
fn a_card_is_its_pragmas_version_else_the_version_its_names_need_else_batt_2025_07() {
    assert_eq!(load(PLAIN).unwrap().dialect(), Version::Batt2025_07);
    let ijc = "def solve_67a3c6ac(S, I, C):\n    x1 = ascell(ORIGIN, FIVE)\n    O = vmirror(I)\n    return O\n";
    assert_eq!(load(ijc).unwrap().dialect(), Version::Batt2025_11);
    let pragma = format!("# batt: dialect=batt-2025-11\n{PLAIN}");
    assert_eq!(load(&pragma).unwrap().dialect(), Version::Batt2025_11);
    let reference = format!("# batt: dialect=reference\n{PLAIN}");
    assert_eq!(load(&reference).unwrap().dialect(), Version::Reference);
}

#[test]
fn a_version_knows_only_its_names_and_a_bad_pragma_is_an_error_at_its_place() {
    let dialect_name = "# batt: dialect=reference\ndef solve_67a3c6ac(S, I, C):\n    O = mir_rot_t(I, A2)\n    return O\n";
    let err = load(dialect_name).err().unwrap();
    assert!(
        err.contains("unknown primitive or variable `mir_rot_t`"),
        "{err}"
    );
    let ijc_in_old = "# batt: dialect=batt-2025-07\ndef solve_67a3c6ac(S, I, C):\n    x1 = ascell(ORIGIN, FIVE)\n    O = vmirror(I)\n    return O\n";
    let err = load(ijc_in_old).err().unwrap();
    assert!(err.contains("`ascell`"), "{err}");
    let unknown = format!("# batt: dialect=batt-2024\n{PLAIN}");
    let err = load(&unknown).err().unwrap();
    assert!(err.contains("unknown dialect version `batt-2024`"), "{err}");
    assert!(err.contains("card.py:1:"), "{err}");
}

#[test]
fn cells_are_i_j_c_triples_under_batt_2025_11_and_c_i_j_pairs_before() {
    let text = "def solve_67a3c6ac(S, I, C):\n    x1 = asobject(I)\n    x2 = first(x1)\n    O = first(x2)\n    return O\n";
    let tmp = tempfile::tempdir().unwrap();
    let ds = dataset::load(&training(), SplitFilter::All).unwrap();
    let task = ds.tasks.iter().find(|t| t.id == "67a3c6ac").unwrap();
    let demos = batt::demos(task);
    let sample = task.samples().next().unwrap();
    let sample = Sample::new(&demos, &sample);
    let mut firsts = Vec::new();
    for version in [Version::Batt2025_07, Version::Batt2025_11] {
        let path = tmp.path().join(format!("{}.py", version.name()));
        std::fs::write(&path, format!("# batt: dialect={}\n{text}", version.name())).unwrap();
        let interp = Interpreter::from_path(&path).unwrap();
        let out = interp.batt(&sample, &mut Ctx::default());
        assert_eq!(out.failed[0], 0);
        firsts.push(out.o[0].1.clone());
    }
    // The first cell in canonical order is the smallest colour's first
    // cell: its colour first under batt-2025-07, its row under batt-2025-11.
    let cells: Vec<(i64, i64, i64)> = (0..sample.i.len().unwrap())
        .flat_map(|i| {
            let row = sample.i.get(i).unwrap();
            (0..row.len().unwrap())
                .map(move |j| (row.get(j).unwrap().as_int().unwrap(), i as i64, j as i64))
        })
        .collect();
    let (colour, i, _) = *cells.iter().min().unwrap();
    assert_eq!(firsts[0], Value::Int(colour));
    assert_eq!(firsts[1], Value::Int(i));
}
