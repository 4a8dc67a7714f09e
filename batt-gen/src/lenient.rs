//! Compiling cards given at run time: programs named from their files'
//! paths, duplicates counted once, and (unless strict) every invalid
//! program left out instead of the whole card.
//!
//! A *program* here is one `def` of a card file. Programs never call one
//! another (a name resolves to a parameter, a variable, a primitive or a
//! constant), and every check but the uniqueness of names is about one
//! program alone, so leaving out a program with an error cannot break
//! another; the steps the solvers share are built by lowering only the
//! programs kept ([`ir::Card::lower`]).
//!
//! Naming, for a file with [`Naming::Path`] (a file found in a directory
//! of solvers as tokpidjin writes them, `solve_<task>/<score>/<t>/<md5>.py`
//! defining `def solve(S, I, C)`):
//!
//! - `solve` is named `solve_<task>.<variant>`, where `<task>` comes from
//!   the path (`group`) and `<variant>` from the file (its stem); without
//!   a task in the path, it is an error (`unknown-task`);
//! - `differ` is named `differ_<group>.<variant>`, or `differ_<variant>`
//!   without a group;
//! - a program already named `solve_<id>` or `differ_<x>` keeps its name,
//!   unless programs of more than one file have it (older tokpidjin files
//!   define `solve_<task>(S, I)`): then `.<variant>` is appended;
//! - a name still taken twice gets `.2`, `.3`, ... in load order.
//!
//! A `.` is in no name the parser reads, so [`ir::solver_task`] finds the
//! task of every name, and `--pairing own` maps each variant to its task.
//! Characters of a group or variant other than ASCII letters, digits, `_`
//! and `-` become `_`.
//!
//! Two programs with the same name before `.<variant>` and the same text
//! after normalisation (the syntax tree without places: whitespace,
//! comments, docstrings and annotations do not count) are one program:
//! the first in load order is kept and the others are counted in
//! [`Compiled::duplicates`]. A program that is neither a solver nor a
//! differ is checked, not run, and gets a warning naming it.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use codespan_reporting::diagnostic::{Diagnostic, Label, LabelStyle, Severity};
use codespan_reporting::files::{Files as _, SimpleFiles};

use crate::ast::{Arg, CardFile, Expr, Program};
use crate::{Diagnostics, Source, check, ir, syntax};

/// The diagnostic code of a `solve` whose file's path names no task.
pub const UNKNOWN_TASK: &str = "unknown-task";
/// The diagnostic code of the warning about a program that is neither a
/// solver nor a differ.
pub const NOT_RUN: &str = "not-run";

/// How the programs of a file are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming<'a> {
    /// As written.
    AsWritten,
    /// From the file's path (see the module doc).
    Path {
        /// The `<x>` of the nearest directory above the file named
        /// `solve_<x>` or `differ_<x>`, if any.
        group: Option<&'a str>,
        /// What tells the file apart (its stem, e.g. an md5).
        variant: &'a str,
    },
}

/// A card file given at run time.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The file.
    pub source: Source<'a>,
    /// How its programs are named.
    pub naming: Naming<'a>,
}

/// One program left out for its errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The file's name.
    pub file: String,
    /// The line (1-based) of the first error.
    pub line: usize,
    /// The program's name, when the error is inside a parsed program (a
    /// syntax error leaves the program out before it has one).
    pub program: Option<String>,
    /// The code of its first error.
    pub code: String,
}

/// A card compiled at run time.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The programs kept.
    pub card: ir::Card,
    /// The programs left out, in file and line order.
    pub refused: Vec<Refusal>,
    /// How many programs were left out as duplicates of an earlier one.
    pub duplicates: usize,
    /// The errors of the programs left out and the warnings.
    pub diagnostics: Diagnostics,
}

/// Compiles `inputs` into a card. With `strict`, any error refuses the
/// whole card (every diagnostic, warnings included, in the `Err`);
/// without, each program with an error is left out and named in
/// [`Compiled::refused`], and the card holds the others (maybe none).
pub fn compile(
    inputs: &[Input<'_>],
    strict: bool,
    options: &crate::Options,
) -> Result<Compiled, Diagnostics> {
    let mut files = SimpleFiles::new();
    let mut parsed: Vec<CardFile> = Vec::new();
    let mut list = Vec::new();
    for input in inputs {
        let id = files.add(input.source.name.to_owned(), input.source.text.to_owned());
        let (card, errors) = syntax::parse(id, input.source.text);
        list.extend(errors);
        parsed.push(card);
    }
    list.extend(name_programs(inputs, &mut parsed));
    let duplicates = drop_duplicates(&mut parsed);
    let files_of: Vec<(usize, &str, &CardFile)> = inputs
        .iter()
        .zip(&parsed)
        .enumerate()
        .map(|(id, (input, card))| (id, input.source.text, card))
        .collect();
    let version = crate::version_of(options, &files_of, &mut list);
    let checked: Vec<(usize, &CardFile)> = parsed.iter().enumerate().collect();
    list.extend(check::check_version(&checked, version));
    list.extend(not_run_warnings(&parsed));
    list.sort_by_key(|d| {
        d.labels
            .first()
            .map(|l| (l.file_id, l.range.start))
            .unwrap_or_default()
    });
    let has_errors = list.iter().any(|d| d.severity >= Severity::Error);
    if strict && has_errors {
        return Err(Diagnostics { files, list });
    }
    let mut refused = Vec::new();
    let mut faulty: HashSet<(usize, usize)> = HashSet::new();
    for d in list.iter().filter(|d| d.severity >= Severity::Error) {
        let Some(label) = d.labels.iter().find(|l| l.style == LabelStyle::Primary) else {
            continue;
        };
        let program = parsed.get(label.file_id).and_then(|f| {
            f.programs
                .iter()
                .position(|p| p.span.contains(&label.range.start))
        });
        if let Some(k) = program
            && !faulty.insert((label.file_id, k))
        {
            continue;
        }
        refused.push(Refusal {
            file: files
                .name(label.file_id)
                .map(|n| n.to_string())
                .unwrap_or_default(),
            line: files
                .line_index(label.file_id, label.range.start)
                .map_or(0, |l| l + 1),
            program: program.map(|k| parsed[label.file_id].programs[k].name.name.clone()),
            code: d.code.clone().unwrap_or_default(),
        });
    }
    for (file_id, file) in parsed.iter_mut().enumerate() {
        let mut k = 0;
        file.programs.retain(|_| {
            let keep = !faulty.contains(&(file_id, k));
            k += 1;
            keep
        });
    }
    let kept: Vec<&CardFile> = parsed.iter().collect();
    let mut card = ir::Card::lower(&kept).map_err(|e| Diagnostics {
        files: files.clone(),
        list: vec![Diagnostic::bug().with_message(format!("cannot lower the card: {e}"))],
    })?;
    card.dialect = version;
    Ok(Compiled {
        card,
        refused,
        duplicates,
        diagnostics: Diagnostics { files, list },
    })
}

/// `text` with every character other than ASCII letters, digits, `_` and
/// `-` replaced by `_`.
fn sanitise(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Names the programs of files named from their paths (see the module
/// doc); returns the errors of `solve`s without a task.
fn name_programs(inputs: &[Input<'_>], parsed: &mut [CardFile]) -> Vec<Diagnostic<usize>> {
    let mut errors = Vec::new();
    // The base names (before `.<variant>`), and which files give each.
    let mut files_of: HashMap<String, HashSet<usize>> = HashMap::new();
    let mut appended: Vec<Vec<bool>> = Vec::new();
    for (file_id, (input, file)) in inputs.iter().zip(parsed.iter_mut()).enumerate() {
        let mut flags = Vec::new();
        for program in &mut file.programs {
            let mut append = false;
            if let Naming::Path { group, .. } = input.naming {
                let name = program.name.name.as_str();
                let group = group.map(sanitise);
                if name == "solve" {
                    match &group {
                        Some(task) => program.name.name = format!("solve_{task}"),
                        None => errors.push(
                            Diagnostic::error()
                                .with_code(UNKNOWN_TASK)
                                .with_message(
                                    "`solve` names no task, and neither does its file's path",
                                )
                                .with_labels(vec![
                                    Label::primary(file_id, program.name.span.clone())
                                        .with_message("a solver for which task?"),
                                ])
                                .with_notes(vec![
                                    "help: name it `solve_<task>`, or put its file under a \
                                     directory named `solve_<task>`"
                                        .to_owned(),
                                ]),
                        ),
                    }
                    append = true;
                } else if name == "differ" {
                    // Without a group, `differ_<variant>` (below).
                    if let Some(group) = &group {
                        program.name.name = format!("differ_{group}");
                        append = true;
                    }
                }
            }
            files_of
                .entry(program.name.name.clone())
                .or_default()
                .insert(file_id);
            flags.push(append);
        }
        appended.push(flags);
    }
    let mut taken: HashSet<String> = HashSet::new();
    for (file_id, (input, file)) in inputs.iter().zip(parsed.iter_mut()).enumerate() {
        let Naming::Path { variant, .. } = input.naming else {
            for program in &file.programs {
                taken.insert(program.name.name.clone());
            }
            continue;
        };
        let variant = sanitise(variant);
        for (k, program) in file.programs.iter_mut().enumerate() {
            let name = &program.name.name;
            let is_program = name.starts_with("solve_") || name.starts_with("differ_");
            let shared = files_of.get(name).is_some_and(|f| f.len() > 1);
            let bare_differ = name == "differ";
            if bare_differ {
                program.name.name = format!("differ_{variant}");
            } else if appended[file_id][k] || (is_program && shared) {
                program.name.name = format!("{name}.{variant}");
            }
            if taken.contains(&program.name.name) && is_program {
                let base = program.name.name.clone();
                let mut n = 2;
                while taken.contains(&format!("{base}.{n}")) {
                    n += 1;
                }
                program.name.name = format!("{base}.{n}");
            }
            taken.insert(program.name.name.clone());
        }
    }
    errors
}

/// The program's text after normalisation: its parameters, assignments
/// and return, without places.
fn normalised(program: &Program) -> String {
    fn expr(out: &mut String, e: &Expr) {
        match e {
            Expr::Name(id) => out.push_str(&id.name),
            Expr::Int(n, _) => {
                let _ = write!(out, "{n}");
            }
            Expr::Call(call) => {
                out.push_str(&call.callee.name);
                out.push('(');
                for (k, Arg { keyword, value }) in call.args.iter().enumerate() {
                    if k > 0 {
                        out.push(',');
                    }
                    if let Some(kw) = keyword {
                        let _ = write!(out, "{}=", kw.name);
                    }
                    expr(out, value);
                }
                out.push(')');
            }
        }
    }
    let mut out = String::new();
    for p in &program.params {
        let _ = write!(out, "{},", p.name);
    }
    for assign in &program.body {
        let _ = write!(out, ";{}=", assign.target.name);
        expr(&mut out, &assign.value);
    }
    if let Some(ret) = &program.ret {
        let _ = write!(out, ";return {}", ret.name);
    }
    out
}

/// The name before `.<variant>` (and `.<n>`).
fn base_name(name: &str) -> &str {
    name.split_once('.').map_or(name, |(base, _)| base)
}

/// Leaves out every program whose base name and normalised text are an
/// earlier program's; returns how many.
fn drop_duplicates(parsed: &mut [CardFile]) -> usize {
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut dropped = 0;
    for file in parsed {
        file.programs.retain(|p| {
            let key = (base_name(&p.name.name).to_owned(), normalised(p));
            let first = seen.insert(key);
            dropped += usize::from(!first);
            first
        });
    }
    dropped
}

/// A warning for each program that is neither a solver nor a differ.
fn not_run_warnings(parsed: &[CardFile]) -> Vec<Diagnostic<usize>> {
    let mut warnings = Vec::new();
    for (file_id, file) in parsed.iter().enumerate() {
        for p in &file.programs {
            let name = &p.name.name;
            // A `solve` left so has its own error (`unknown-task`).
            if name != "solve" && !name.starts_with("solve_") && !name.starts_with("differ_") {
                warnings.push(
                    Diagnostic::warning()
                        .with_code(NOT_RUN)
                        .with_message(format!(
                            "`{name}` is neither a solver (`solve_<task>`) nor a differ \
                             (`differ_<name>`), so it is checked but never run"
                        ))
                        .with_labels(vec![Label::primary(file_id, p.name.span.clone())]),
                );
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(name: &'a str, text: &'a str, naming: Naming<'a>) -> Input<'a> {
        Input {
            source: Source { name, text },
            naming,
        }
    }

    fn names(c: &Compiled) -> Vec<(String, String)> {
        c.card
            .solvers
            .programs
            .iter()
            .map(|p| match &p.kind {
                ir::ProgramKind::Solver { task } => (p.name.clone(), task.clone()),
                ir::ProgramKind::Differ => (p.name.clone(), String::new()),
            })
            .collect()
    }

    #[test]
    fn solvers_are_named_from_their_paths_and_duplicates_count_once() {
        let path = |variant| Naming::Path {
            group: Some("abc"),
            variant,
        };
        let a = "def solve(S, I, C):\n    O = vmirror(I)\n    return O\n";
        let same = "# a comment\ndef solve(S, I, C) -> Grid:\n    \"\"\"doc\"\"\"\n    O = vmirror( I )\n    return O\n";
        let other = "def solve(S, I):\n    O = hmirror(I)\n    return O\n";
        let c = compile(
            &[
                input("1/x.py", a, path("x")),
                input("2/y.py", same, path("y")),
                input("3/x.py", other, path("x")),
            ],
            false,
            &crate::Options::default(),
        )
        .unwrap();
        assert_eq!(c.duplicates, 1);
        assert_eq!(
            names(&c),
            [
                ("solve_abc.x".to_owned(), "abc".to_owned()),
                ("solve_abc.x.2".to_owned(), "abc".to_owned())
            ]
        );
    }

    #[test]
    fn a_program_with_an_error_is_left_out_and_the_others_keep_their_shared_steps() {
        let text = "def solve_a(I):\n    x1 = rot90(I)\n    O = vmirror(x1)\n    return O\n\
                    def solve_b(I):\n    x1 = rot90(I)\n    O = nope(x1)\n    return O\n\
                    def solve_c(I):\n    x1 = rot90(I)\n    O = hmirror(x1)\n    return O\n";
        let inputs = [input("card.py", text, Naming::AsWritten)];
        let c = compile(&inputs, false, &crate::Options::default()).unwrap();
        let kept: Vec<String> = names(&c).into_iter().map(|(n, _)| n).collect();
        assert_eq!(kept, ["solve_a", "solve_c"]);
        assert_eq!(c.card.solvers.steps.len(), 3, "rot90 shared, two mirrors");
        assert_eq!(
            c.refused,
            [Refusal {
                file: "card.py".to_owned(),
                line: 7,
                program: Some("solve_b".to_owned()),
                code: "unknown-name".to_owned(),
            }]
        );
        let strict = compile(&inputs, true, &crate::Options::default())
            .err()
            .unwrap();
        assert_eq!(strict.codes(), ["unknown-name"]);
    }
}
