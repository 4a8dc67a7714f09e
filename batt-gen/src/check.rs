//! The checker: what a parsed card must satisfy before it is lowered.
//!
//! It resolves every name (the program's parameters and variables first,
//! then the primitives of the [`catalogue`], then its constants), checks
//! the arguments of every primitive call against the primitive's
//! parameters, that every variable is defined once and before it is used,
//! that every program returns, that parameters are `(I)`, `(S, I)` (older
//! tokpidjin solvers) or `(S, I, C)`,
//! that program names are unique over the whole card and that no solver's
//! output depends on `C`, the expected output (DESIGN §3).
//!
//! Every error is collected, with the span at fault and, where they help,
//! secondary labels and notes; [`render`] turns them into text.
//!
//! To keep one mistake from being reported several times, an assignment to
//! a primitive or constant name is reported and then ignored (the name
//! keeps its catalogue meaning), and a variable assigned twice keeps its
//! first definition.

use std::collections::HashMap;
use std::fmt::Write as _;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;

use crate::ast::{Arg, Call, CardFile, Expr, Ident, Program, Span};
use crate::catalogue::{ConstValue, PrimSig};
use crate::dialect::Version;

/// The diagnostic codes of the checker's errors (and [`code::SYNTAX`] of the
/// parser's), shown as `error[CODE]` when rendered.
pub mod code {
    /// A syntax error (from [`crate::syntax`]).
    pub const SYNTAX: &str = crate::syntax::SYNTAX_ERROR;
    /// A name that is no parameter, variable, primitive or constant.
    pub const UNKNOWN_NAME: &str = "unknown-name";
    /// A primitive called with the wrong number of arguments.
    pub const ARITY: &str = "arity";
    /// A keyword argument that is not a parameter of the primitive.
    pub const UNKNOWN_KEYWORD: &str = "unknown-keyword";
    /// A primitive's parameter given two values.
    pub const DUPLICATE_ARGUMENT: &str = "duplicate-argument";
    /// A positional argument after a keyword argument.
    pub const POSITIONAL_AFTER_KEYWORD: &str = "positional-after-keyword";
    /// A keyword argument in a call of a variable.
    pub const KEYWORD_TO_VARIABLE: &str = "keyword-to-variable";
    /// A call of a constant or of a parameter.
    pub const NOT_CALLABLE: &str = "not-callable";
    /// A variable used before the statement that defines it.
    pub const USE_BEFORE_DEFINITION: &str = "use-before-definition";
    /// A variable or parameter assigned a second time.
    pub const REDEFINITION: &str = "redefinition";
    /// An assignment to a primitive or constant name.
    pub const ASSIGN_TO_BUILTIN: &str = "assign-to-builtin";
    /// A program without `return`.
    pub const MISSING_RETURN: &str = "missing-return";
    /// Parameters other than `(I)`, `(S, I)` or `(S, I, C)`.
    pub const BAD_PARAMETERS: &str = "bad-parameters";
    /// A solver whose output depends on `C`.
    pub const DEPENDS_ON_EXPECTED_OUTPUT: &str = "depends-on-expected-output";
    /// Two programs of the same name.
    pub const DUPLICATE_PROGRAM: &str = "duplicate-program";
}

/// Checks the programs of a card of the default dialect version, given as
/// `(file_id, parsed file)` pairs; returns every error found, ordered by
/// file and position.
pub fn check(files: &[(usize, &CardFile)]) -> Vec<Diagnostic<usize>> {
    check_version(files, Version::default())
}

/// [`check`] for a card of dialect version `version`: it may name only
/// that version's primitives and constants.
pub fn check_version(files: &[(usize, &CardFile)], version: Version) -> Vec<Diagnostic<usize>> {
    check_with(
        files,
        &Builtins {
            primitives: version.primitive_tables(),
            constants: version.constant_tables(),
        },
    )
}

/// The most diagnostics [`render`] shows; a last line says how many more
/// were left out.
pub const MAX_RENDERED: usize = 50;

/// The most characters of a rendered line: a longer one (a very long
/// source line, or a message quoting one) is cut, saying by how much.
pub const MAX_LINE: usize = 300;

/// Renders diagnostics as plain text (no colour), the way a terminal shows
/// them: `error[CODE]: message`, then `┌─ file:line:column` and the source
/// lines with the spans underlined. At most [`MAX_RENDERED`] diagnostics
/// and [`MAX_LINE`] characters a line, so that the text stays readable
/// whatever the input (a 100,000-deep nesting on one line included).
///
/// A diagnostic whose labels do not fit the files is rendered as its
/// message alone.
pub fn render(files: &SimpleFiles<String, String>, diags: &[Diagnostic<usize>]) -> String {
    let config = term::Config::default();
    let mut out = String::new();
    for diag in diags.iter().take(MAX_RENDERED) {
        let text = match term::emit_into_string(&config, files, diag) {
            Ok(text) => text,
            Err(_) => format!("error: {}\n", diag.message),
        };
        for line in text.lines() {
            out.push_str(&clip_line(line));
            out.push('\n');
        }
    }
    if diags.len() > MAX_RENDERED {
        let _ = writeln!(
            out,
            "... and {} more diagnostics left out (fix these first)",
            diags.len() - MAX_RENDERED
        );
    }
    out
}

/// `line` cut to [`MAX_LINE`] characters, saying how many were left out.
fn clip_line(line: &str) -> std::borrow::Cow<'_, str> {
    match line.char_indices().nth(MAX_LINE) {
        None => line.into(),
        // An underline past the cut leaves only blanks: the header's
        // `file:line:column` says where it is.
        Some((end, _)) => format!(
            "{} ... ({} more characters)",
            line[..end].trim_end(),
            line[end..].chars().count()
        )
        .into(),
    }
}

/// The names the checker knows besides the programs' own.
#[derive(Debug, Clone, Copy)]
struct Builtins<'a> {
    /// Primitive tables, searched in order.
    primitives: &'a [&'a [PrimSig]],
    /// Constant tables, searched in order.
    constants: &'a [&'a [(&'a str, ConstValue)]],
}

impl<'a> Builtins<'a> {
    fn primitive(&self, name: &str) -> Option<&'a PrimSig> {
        self.primitive_names_and_sigs().find(|p| p.name == name)
    }

    fn primitive_names_and_sigs(&self) -> impl Iterator<Item = &'a PrimSig> + use<'a> {
        self.primitives.iter().flat_map(|t| t.iter())
    }

    fn constant_names(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.constants
            .iter()
            .flat_map(|t| t.iter())
            .map(|(n, _)| *n)
    }

    fn is_constant(&self, name: &str) -> bool {
        self.constant_names().any(|n| n == name)
    }
}

/// [`check`] against the given primitives and constants.
fn check_with(files: &[(usize, &CardFile)], builtins: &Builtins<'_>) -> Vec<Diagnostic<usize>> {
    let mut diags = Vec::new();
    let mut seen: HashMap<&str, (usize, Span)> = HashMap::new();
    for &(file_id, file) in files {
        for program in &file.programs {
            match seen.get(program.name.name.as_str()) {
                Some((first_file, first_span)) => diags.push(
                    error(
                        code::DUPLICATE_PROGRAM,
                        format!("program `{}` is defined twice", program.name.name),
                    )
                    .with_labels(vec![
                        Label::primary(file_id, program.name.span.clone())
                            .with_message("defined again here"),
                        Label::secondary(*first_file, first_span.clone())
                            .with_message("first defined here"),
                    ]),
                ),
                None => {
                    seen.insert(&program.name.name, (file_id, program.name.span.clone()));
                }
            }
            ProgramChecker::new(file_id, program, builtins, &mut diags).run();
        }
    }
    diags.sort_by_key(|d| {
        d.labels
            .first()
            .map(|l| (l.file_id, l.range.start))
            .unwrap_or_default()
    });
    diags
}

/// A new error diagnostic.
fn error(code: &str, message: String) -> Diagnostic<usize> {
    Diagnostic::error().with_code(code).with_message(message)
}

/// What a name stands for at one place of a program.
#[derive(Debug)]
enum Resolved<'a> {
    Param,
    Var,
    /// A variable defined by a later statement (at this span).
    Later(Span),
    Primitive(&'a PrimSig),
    Constant,
    Unknown,
}

/// The checking of one program.
struct ProgramChecker<'p, 'b, 'd> {
    file_id: usize,
    program: &'p Program,
    builtins: &'b Builtins<'b>,
    diags: &'d mut Vec<Diagnostic<usize>>,
    /// The first parameter of each name.
    params: HashMap<&'p str, Span>,
    /// Each variable's first definition: statement index and target span.
    defs: HashMap<&'p str, (usize, Span)>,
    /// The variables defined so far.
    defined: HashMap<&'p str, Span>,
    /// The variables that depend on `C`, each with the use of a name that
    /// made it so (a parameter `C` or an earlier tainted variable).
    tainted: HashMap<&'p str, (&'p str, Span)>,
}

impl std::fmt::Debug for ProgramChecker<'_, '_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProgramChecker")
            .field("program", &self.program.name.name)
            .finish_non_exhaustive()
    }
}

impl<'p, 'b, 'd> ProgramChecker<'p, 'b, 'd> {
    fn new(
        file_id: usize,
        program: &'p Program,
        builtins: &'b Builtins<'b>,
        diags: &'d mut Vec<Diagnostic<usize>>,
    ) -> Self {
        let mut params = HashMap::new();
        for p in &program.params {
            params.entry(p.name.as_str()).or_insert(p.span.clone());
        }
        let mut defs = HashMap::new();
        for (i, assign) in program.body.iter().enumerate() {
            let name = assign.target.name.as_str();
            if !params.contains_key(name) && !Self::is_builtin(builtins, name) {
                defs.entry(name).or_insert((i, assign.target.span.clone()));
            }
        }
        ProgramChecker {
            file_id,
            program,
            builtins,
            diags,
            params,
            defs,
            defined: HashMap::new(),
            tainted: HashMap::new(),
        }
    }

    fn is_builtin(builtins: &Builtins<'_>, name: &str) -> bool {
        builtins.primitive(name).is_some() || builtins.is_constant(name)
    }

    fn is_solver(&self) -> bool {
        self.program.name.name.starts_with("solve_")
    }

    fn is_differ(&self) -> bool {
        self.program.name.name.starts_with("differ_")
    }

    fn primary(&self, span: Span) -> Label<usize> {
        Label::primary(self.file_id, span)
    }

    fn secondary(&self, span: Span) -> Label<usize> {
        Label::secondary(self.file_id, span)
    }

    fn run(mut self) {
        self.check_params();
        if self.is_solver() && self.params.contains_key("C") {
            self.tainted.insert(
                "C",
                ("C", self.params.get("C").cloned().unwrap_or_default()),
            );
        }
        for (i, assign) in self.program.body.iter().enumerate() {
            let mut taint = None;
            self.check_expr(i, &assign.value, &mut taint);
            self.define(&assign.target, taint);
        }
        self.check_return();
    }

    fn check_params(&mut self) {
        let names: Vec<&str> = self
            .program
            .params
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        let ok = if self.is_differ() {
            names == ["S", "I", "C"]
        } else {
            names == ["I"] || names == ["S", "I"] || names == ["S", "I", "C"]
        };
        if ok {
            return;
        }
        let span = match (self.program.params.first(), self.program.params.last()) {
            (Some(first), Some(last)) => first.span.start..last.span.end,
            _ => self.program.name.span.clone(),
        };
        let (kind, expected) = if self.is_differ() {
            ("a differ", "`(S, I, C)`")
        } else if self.is_solver() {
            ("a solver", "`(I)`, `(S, I)` or `(S, I, C)`")
        } else {
            ("a program", "`(I)`, `(S, I)` or `(S, I, C)`")
        };
        let message = format!(
            "{kind} takes the parameters {expected}, but `{}` has `({})`",
            self.program.name.name,
            names.join(", ")
        );
        let label = self
            .primary(span)
            .with_message(format!("expected {expected}"));
        self.diags.push(
            error(code::BAD_PARAMETERS, message)
                .with_labels(vec![label])
                .with_notes(vec![
                    "note: `I` is the sample's input grid, `S` the task's demonstration pairs \
                     and `C` the expected output"
                        .to_string(),
                ]),
        );
    }

    /// What `name` stands for in statement `stmt` (`body.len()` for the
    /// `return`).
    fn resolve(&self, stmt: usize, name: &str) -> Resolved<'b> {
        if self.params.contains_key(name) {
            Resolved::Param
        } else if self.defined.contains_key(name) {
            Resolved::Var
        } else if let Some((_, span)) = self.defs.get(name).filter(|(i, _)| *i >= stmt) {
            Resolved::Later(span.clone())
        } else if let Some(sig) = self.builtins.primitive(name) {
            Resolved::Primitive(sig)
        } else if self.builtins.is_constant(name) {
            Resolved::Constant
        } else {
            Resolved::Unknown
        }
    }

    /// Checks a use of `ident` (a callee when `callee`); records in `taint`
    /// the first use of a name that depends on `C`.
    fn check_name(
        &mut self,
        stmt: usize,
        ident: &'p Ident,
        callee: bool,
        taint: &mut Option<(&'p str, Span)>,
    ) -> Resolved<'b> {
        let resolved = self.resolve(stmt, &ident.name);
        match &resolved {
            Resolved::Param | Resolved::Var => {
                if taint.is_none() && self.tainted.contains_key(ident.name.as_str()) {
                    *taint = Some((&ident.name, ident.span.clone()));
                }
            }
            Resolved::Later(def) => {
                let label = self
                    .primary(ident.span.clone())
                    .with_message("used here before its definition");
                let def_label = self
                    .secondary(def.clone())
                    .with_message(format!("`{}` is defined here, later", ident.name));
                self.diags.push(
                    error(
                        code::USE_BEFORE_DEFINITION,
                        format!("variable `{}` is used before its definition", ident.name),
                    )
                    .with_labels(vec![label, def_label]),
                );
            }
            Resolved::Primitive(_) | Resolved::Constant => {}
            Resolved::Unknown => self.unknown_name(ident, callee),
        }
        resolved
    }

    fn unknown_name(&mut self, ident: &Ident, callee: bool) {
        // In resolution order, and within it in program order, so that
        // ties go the same way on every run.
        let program = self.program;
        let candidates = program
            .params
            .iter()
            .map(|p| p.name.as_str())
            .chain(program.body.iter().map(|a| a.target.name.as_str()))
            .chain(self.builtins.primitive_names_and_sigs().map(|p| p.name))
            .chain(self.builtins.constant_names());
        let suggestion = closest(&ident.name, candidates);
        let (message, label) = if callee {
            (
                format!("unknown primitive or variable `{}`", ident.name),
                "not a primitive or a variable of this program",
            )
        } else {
            (
                format!("unknown name `{}`", ident.name),
                "not a variable, parameter, primitive or constant",
            )
        };
        let mut diag = error(code::UNKNOWN_NAME, message)
            .with_labels(vec![self.primary(ident.span.clone()).with_message(label)]);
        if let Some(s) = suggestion {
            diag = diag.with_notes(vec![format!("help: did you mean `{s}`?")]);
        }
        self.diags.push(diag);
    }

    fn check_expr(&mut self, stmt: usize, expr: &'p Expr, taint: &mut Option<(&'p str, Span)>) {
        match expr {
            Expr::Int(..) => {}
            Expr::Name(ident) => {
                self.check_name(stmt, ident, false, taint);
            }
            Expr::Call(call) => self.check_call(stmt, call, taint),
        }
    }

    fn check_call(&mut self, stmt: usize, call: &'p Call, taint: &mut Option<(&'p str, Span)>) {
        let callee = self.check_name(stmt, &call.callee, true, taint);
        for arg in &call.args {
            self.check_expr(stmt, &arg.value, taint);
        }
        self.check_positional_order(&call.args);
        match callee {
            Resolved::Primitive(sig) => self.check_primitive_args(call, sig),
            Resolved::Param | Resolved::Constant => {
                let what = if matches!(callee, Resolved::Param) {
                    "a parameter"
                } else {
                    "a constant"
                };
                self.diags.push(
                    error(
                        code::NOT_CALLABLE,
                        format!("`{}` is {what}, not a callable", call.callee.name),
                    )
                    .with_labels(vec![
                        self.primary(call.callee.span.clone())
                            .with_message("called here"),
                    ]),
                );
            }
            Resolved::Var => {
                if let Some(kw) = call.args.iter().find_map(|a| a.keyword.as_ref()) {
                    self.diags.push(
                        error(
                            code::KEYWORD_TO_VARIABLE,
                            format!(
                                "keyword argument `{}` in a call of variable `{}`",
                                kw.name, call.callee.name
                            ),
                        )
                        .with_labels(vec![
                            self.primary(kw.span.clone())
                                .with_message("keyword argument here"),
                            self.secondary(call.callee.span.clone())
                                .with_message("a variable, whose parameters are unknown"),
                        ])
                        .with_notes(vec![
                            "note: only calls of primitives take keyword arguments".to_string(),
                        ]),
                    );
                }
            }
            Resolved::Later(_) | Resolved::Unknown => {}
        }
    }

    /// Reports the first positional argument that follows a keyword
    /// argument.
    fn check_positional_order(&mut self, args: &[Arg]) {
        let mut first_keyword: Option<&Ident> = None;
        for arg in args {
            match (&arg.keyword, first_keyword) {
                (Some(kw), None) => first_keyword = Some(kw),
                (None, Some(kw)) => {
                    let diag = error(
                        code::POSITIONAL_AFTER_KEYWORD,
                        "positional argument after a keyword argument".to_string(),
                    )
                    .with_labels(vec![
                        self.primary(arg.value.span())
                            .with_message("positional argument"),
                        self.secondary(kw.span.clone())
                            .with_message("after this keyword argument"),
                    ]);
                    self.diags.push(diag);
                    return;
                }
                _ => {}
            }
        }
    }

    fn check_primitive_args(&mut self, call: &Call, sig: &PrimSig) {
        let signature = format!("note: `{}({})`", sig.name, sig.params.join(", "));
        // Where each parameter got its value: the leading positional
        // arguments first (a positional argument after a keyword one is
        // reported on its own), then the keyword arguments.
        let mut given: Vec<Option<Span>> = vec![None; sig.arity()];
        let positional = call.args.iter().take_while(|a| a.keyword.is_none());
        for (slot, arg) in given.iter_mut().zip(positional) {
            *slot = Some(arg.value.span());
        }
        for arg in &call.args {
            let Some(kw) = &arg.keyword else {
                continue;
            };
            let Some(index) = sig.params.iter().position(|p| *p == kw.name) else {
                let suggestion = closest(&kw.name, sig.params.iter().copied());
                let mut notes = vec![signature.clone()];
                if let Some(s) = suggestion {
                    notes.insert(0, format!("help: did you mean `{s}`?"));
                }
                self.diags.push(
                    error(
                        code::UNKNOWN_KEYWORD,
                        format!("`{}` has no parameter `{}`", sig.name, kw.name),
                    )
                    .with_labels(vec![
                        self.primary(kw.span.clone())
                            .with_message("unknown keyword"),
                    ])
                    .with_notes(notes),
                );
                continue;
            };
            let this = kw.span.start..arg.value.span().end;
            match given.get(index).cloned().flatten() {
                Some(first) => self.diags.push(
                    error(
                        code::DUPLICATE_ARGUMENT,
                        format!(
                            "parameter `{}` of `{}` is given more than once",
                            kw.name, sig.name
                        ),
                    )
                    .with_labels(vec![
                        self.primary(kw.span.clone())
                            .with_message("given again here"),
                        self.secondary(first).with_message("first given here"),
                    ])
                    .with_notes(vec![signature.clone()]),
                ),
                None => {
                    if let Some(slot) = given.get_mut(index) {
                        *slot = Some(this);
                    }
                }
            }
        }
        let count = call.args.len();
        // Parameters with defaults may be left out, from the last one on,
        // but a keyword argument must not stand in for a required one.
        let missing_required =
            !sig.defaults.is_empty() && given.iter().take(sig.min_arity()).any(Option::is_none);
        if count > sig.arity() || count < sig.min_arity() || missing_required {
            let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
            let expected = if sig.min_arity() == sig.arity() {
                format!("{} {}", sig.arity(), plural(sig.arity()))
            } else {
                format!("{} to {} arguments", sig.min_arity(), sig.arity())
            };
            self.diags.push(
                error(
                    code::ARITY,
                    format!(
                        "`{}` takes {} but {} {} given",
                        sig.name,
                        expected,
                        count,
                        if count == 1 { "was" } else { "were" }
                    ),
                )
                .with_labels(vec![
                    self.primary(call.span.clone())
                        .with_message(format!("expected {expected}")),
                ])
                .with_notes(vec![signature]),
            );
        }
    }

    /// Records the definition of `target`, reporting redefinitions and
    /// assignments to primitives and constants.
    fn define(&mut self, target: &'p Ident, taint: Option<(&'p str, Span)>) {
        let name = target.name.as_str();
        if let Some(param) = self.params.get(name) {
            let diag = error(
                code::REDEFINITION,
                format!("parameter `{name}` is assigned"),
            )
            .with_labels(vec![
                self.primary(target.span.clone())
                    .with_message("assigned here"),
                self.secondary(param.clone())
                    .with_message("defined here as a parameter"),
            ])
            .with_notes(vec![
                "note: every name is defined once; use a new variable name".to_string(),
            ]);
            self.diags.push(diag);
            return;
        }
        if let Some(first) = self.defined.get(name) {
            let diag = error(
                code::REDEFINITION,
                format!("variable `{name}` is defined twice"),
            )
            .with_labels(vec![
                self.primary(target.span.clone())
                    .with_message("defined again here"),
                self.secondary(first.clone())
                    .with_message("first defined here"),
            ])
            .with_notes(vec![
                "note: every name is defined once; use a new variable name".to_string(),
            ]);
            self.diags.push(diag);
            return;
        }
        let builtin = if self.builtins.primitive(name).is_some() {
            Some("primitive")
        } else if self.builtins.is_constant(name) {
            Some("constant")
        } else {
            None
        };
        if let Some(kind) = builtin {
            self.diags.push(
                error(
                    code::ASSIGN_TO_BUILTIN,
                    format!("cannot assign to `{name}`, a {kind} of the DSL"),
                )
                .with_labels(vec![
                    self.primary(target.span.clone())
                        .with_message(format!("`{name}` is a {kind}")),
                ])
                .with_notes(vec!["help: choose another variable name".to_string()]),
            );
            return;
        }
        self.defined.insert(name, target.span.clone());
        if let Some(t) = taint {
            self.tainted.insert(name, t);
        }
    }

    fn check_return(&mut self) {
        let program = self.program;
        let Some(ret) = &program.ret else {
            self.diags.push(
                error(
                    code::MISSING_RETURN,
                    format!("program `{}` has no `return`", program.name.name),
                )
                .with_labels(vec![
                    self.primary(program.name.span.clone())
                        .with_message("this program never returns a value"),
                ])
                .with_notes(vec!["help: end the program with `return NAME`".to_string()]),
            );
            return;
        };
        let mut taint = None;
        self.check_name(program.body.len(), ret, false, &mut taint);
        if self.is_solver() && taint.is_some() {
            self.depends_on_c(ret);
        }
    }

    /// Reports that the solver's returned `ret` depends on `C`, with the
    /// chain of uses that leads from `C` to it.
    fn depends_on_c(&mut self, ret: &Ident) {
        let label = if ret.name == "C" {
            "returns `C` itself".to_string()
        } else {
            format!("`{}` depends on `C`", ret.name)
        };
        let mut labels = vec![self.primary(ret.span.clone()).with_message(label)];
        let mut var = ret.name.as_str();
        // Each step goes to a name used by an earlier definition, so the
        // chain ends; the bound only guards against a malformed program.
        for _ in 0..=self.program.body.len() {
            if var == "C" && self.params.contains_key("C") {
                break;
            }
            let Some((used, span)) = self.tainted.get(var).cloned() else {
                break;
            };
            labels.push(
                self.secondary(span)
                    .with_message(format!("`{var}` is computed from `{used}` here")),
            );
            var = used;
        }
        self.diags.push(
            error(
                code::DEPENDS_ON_EXPECTED_OUTPUT,
                format!(
                    "solver `{}` returns a value that depends on `C`, the expected output",
                    self.program.name.name
                ),
            )
            .with_labels(labels)
            .with_notes(vec![
                "note: a solver must compute its output from `I` and `S` alone".to_string(),
            ]),
        );
    }
}

/// The candidate nearest to `name` by edit distance, if near enough: at
/// most 2 edits, and at most half of `name`'s characters. Ties go to the
/// earliest candidate.
fn closest<'c>(name: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let len = name.chars().count();
    let limit = (len / 2).min(2);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == name || candidate.chars().count().abs_diff(len) > limit {
            continue;
        }
        let d = edit_distance(name, candidate);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The Levenshtein distance between `a` and `b`, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Type;
    use crate::syntax;

    /// The diagnostics of one card file `text`, parse errors first.
    fn diags_of(text: &str) -> Vec<Diagnostic<usize>> {
        let (file, mut diags) = syntax::parse(0, text);
        assert!(diags.is_empty(), "syntax errors: {diags:?}");
        diags.extend(check(&[(0, &file)]));
        diags
    }

    /// `(code, message)` of each diagnostic of `text`.
    fn errors(text: &str) -> Vec<(String, String)> {
        diags_of(text)
            .into_iter()
            .map(|d| (d.code.unwrap_or_default(), d.message))
            .collect()
    }

    /// The texts under the labels of the single diagnostic of `text`.
    fn labelled(text: &str) -> Vec<String> {
        let diags = diags_of(text);
        assert_eq!(diags.len(), 1, "{diags:?}");
        diags[0]
            .labels
            .iter()
            .map(|l| text[l.range.clone()].to_string())
            .collect()
    }

    fn program(body: &str) -> String {
        format!("def solve_x(I):\n{body}")
    }

    /// A realistic card: solvers, a differ and a helper, with keyword
    /// arguments, nested calls, callables and integer literals.
    const CARD: &str = r#"from dsl import *

def solve_7b7f7511(I):
    x1 = portrait(I)
    x2 = branch(x1, tophalf, lefthalf)
    O = x2(I)
    return O

def solve_d037b0a7(S, I, C):
    x1 = objects(grid=I, univalued=T, diagonal=F, without_bg=T)
    x2 = rbind(shoot, DOWN)
    x3 = compose(x2, center)
    x4 = fork(recolor, color, x3)
    x5 = mapply(x4, x1)
    O = paint(I, x5)
    return O

def solve_neg(I):
    O = fill(I, -1, asindices(crop(I, ORIGIN, astuple(2, 2))))
    return O

def differ_pixels(S, I, C):
    x1 = cellwise(I, C, NEG_ONE)
    x2 = ofcolor(x1, NEG_ONE)
    O = size(x2)
    return O

def helper(I):
    return I
"#;

    #[test]
    fn a_realistic_card_has_no_errors() {
        assert_eq!(errors(CARD), []);
    }

    #[test]
    fn unknown_names_are_reported_with_a_suggestion_when_one_is_near() {
        let text = program(
            "    x1 = fil(I, ONE, I)\n    x2 = rot90(xl)\n    x3 = zzz(qqq)\n    O = x3\n    return O\n",
        );
        let diags = diags_of(&text);
        let got: Vec<(&str, Vec<String>)> = diags
            .iter()
            .map(|d| (d.message.as_str(), d.notes.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "unknown primitive or variable `fil`",
                    vec!["help: did you mean `fill`?".to_string()]
                ),
                (
                    "unknown name `xl`",
                    vec!["help: did you mean `x1`?".to_string()]
                ),
                ("unknown primitive or variable `zzz`", vec![]),
                ("unknown name `qqq`", vec![]),
            ]
        );
        assert!(
            diags
                .iter()
                .all(|d| d.code.as_deref() == Some(code::UNKNOWN_NAME))
        );
        assert_eq!(labelled(&program("    return Q\n")), ["Q"]);
    }

    #[test]
    fn trailing_parameters_with_defaults_may_be_left_out() {
        let text = program(
            "    x1 = totuple(I)\n    x2 = get_nth_by_key_t(x1, F0)\n    \
             x3 = get_nth_by_key_t(x1, L1, size)\n    x4 = get_nth_by_key_t(x1, rank=F1)\n    \
             x5 = get_nth_by_key_t(x1)\n    x6 = get_nth_by_key_t(x1, key=size)\n    \
             x7 = get_nth_by_key_t(x1, F0, size, size)\n    return x4\n",
        );
        let expected = "`get_nth_by_key_t` takes 2 to 3 arguments but";
        let found = errors(&text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found
                .iter()
                .all(|(c, m)| c == code::ARITY && m.starts_with(expected))
        );
        assert!(found[0].1.ends_with("1 was given"));
        assert!(found[1].1.ends_with("2 were given"), "rank is required");
        assert!(found[2].1.ends_with("4 were given"));
    }

    #[test]
    fn dialect_names_are_known_to_the_checker() {
        let text = "def solve_x(S, I, C):\n    x1 = o_g(I, R7)\n    x2 = get_arg_rank_f(x1, size, F0)\n    \
                    x3 = a_mr(S)\n    x4 = mir_rot_t(I, x3)\n    O = c_branch(T, x4, x2)\n    return O\n";
        assert_eq!(errors(text), []);
    }

    #[test]
    fn arity_counts_positional_and_keyword_arguments() {
        let text = program(
            "    x1 = fill(I, ONE)\n    x2 = fill(I, ONE, x1, x1)\n    \
             x3 = fill(grid=I, value=ONE)\n    x4 = fill(I, value=ONE, patch=x1)\n    return x4\n",
        );
        assert_eq!(
            errors(&text),
            [
                (
                    code::ARITY.to_string(),
                    "`fill` takes 3 arguments but 2 were given".to_string()
                ),
                (
                    code::ARITY.to_string(),
                    "`fill` takes 3 arguments but 4 were given".to_string()
                ),
                (
                    code::ARITY.to_string(),
                    "`fill` takes 3 arguments but 2 were given".to_string()
                ),
            ]
        );
        assert_eq!(
            labelled(&program("    O = rot90()\n    return O\n")),
            ["rot90()"]
        );
        assert_eq!(
            errors(&program("    O = rot90(I, I)\n    return O\n"))[0].1,
            "`rot90` takes 1 argument but 2 were given"
        );
    }

    #[test]
    fn unknown_and_repeated_keywords_are_reported() {
        let text = program(
            "    x1 = fill(I, value=ONE, valu=I)\n    x2 = fill(I, grid=I, patch=I)\n    \
             x3 = fill(grid=I, value=ONE, patch=I, value=TWO)\n    return x3\n",
        );
        let diags = diags_of(&text);
        let got: Vec<(&str, &str)> = diags
            .iter()
            .map(|d| (d.code.as_deref().unwrap_or(""), d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (code::UNKNOWN_KEYWORD, "`fill` has no parameter `valu`"),
                (
                    code::DUPLICATE_ARGUMENT,
                    "parameter `grid` of `fill` is given more than once"
                ),
                (code::ARITY, "`fill` takes 3 arguments but 4 were given"),
                (
                    code::DUPLICATE_ARGUMENT,
                    "parameter `value` of `fill` is given more than once"
                ),
            ]
        );
        assert_eq!(diags[0].notes[0], "help: did you mean `value`?");
        let spans: Vec<&str> = diags[1]
            .labels
            .iter()
            .map(|l| &text[l.range.clone()])
            .collect();
        assert_eq!(spans, ["grid", "I"]);
    }

    #[test]
    fn a_positional_argument_after_a_keyword_one_is_reported_once_per_call() {
        let text = program("    O = fill(grid=I, ONE, I)\n    return O\n");
        assert_eq!(labelled(&text), ["ONE", "grid"]);
        assert_eq!(
            errors(&text)[0].0,
            code::POSITIONAL_AFTER_KEYWORD.to_string()
        );
    }

    #[test]
    fn calls_of_variables_take_any_positional_arguments_but_no_keywords() {
        let ok = program(
            "    x1 = rbind(hsplit, TWO)\n    x2 = x1(I)\n    x3 = x1(I, I, I)\n    return x3\n",
        );
        assert_eq!(errors(&ok), []);
        let text = program("    x1 = rbind(hsplit, TWO)\n    O = x1(grid=I)\n    return O\n");
        assert_eq!(labelled(&text), ["grid", "x1"]);
        assert_eq!(errors(&text)[0].0, code::KEYWORD_TO_VARIABLE);
    }

    #[test]
    fn constants_and_parameters_are_not_callable() {
        let text = program("    x1 = T(I)\n    O = I(x1)\n    return O\n");
        assert_eq!(
            errors(&text),
            [
                (
                    code::NOT_CALLABLE.to_string(),
                    "`T` is a constant, not a callable".to_string()
                ),
                (
                    code::NOT_CALLABLE.to_string(),
                    "`I` is a parameter, not a callable".to_string()
                ),
            ]
        );
    }

    #[test]
    fn primitives_constants_and_integers_are_values() {
        let text = program(
            "    x1 = argmax(I, size)\n    x2 = add(ONE, -3)\n    O = fill(I, 7, x1)\n    return O\n",
        );
        assert_eq!(errors(&text), []);
        assert_eq!(errors(&program("    return rot90\n")), []);
    }

    #[test]
    fn a_variable_used_before_its_definition_points_at_both() {
        let text = program("    x1 = rot90(x2)\n    x2 = rot90(I)\n    return x1\n");
        assert_eq!(labelled(&text), ["x2", "x2"]);
        let diags = diags_of(&text);
        assert_eq!(diags[0].code.as_deref(), Some(code::USE_BEFORE_DEFINITION));
        assert!(diags[0].labels[0].range.start < diags[0].labels[1].range.start);
        let self_use = program("    x1 = rot90(x1)\n    return x1\n");
        assert_eq!(errors(&self_use)[0].0, code::USE_BEFORE_DEFINITION);
    }

    #[test]
    fn redefinitions_of_variables_and_parameters_are_reported() {
        let text =
            program("    x1 = rot90(I)\n    x1 = rot180(I)\n    I = rot90(x1)\n    return x1\n");
        assert_eq!(
            errors(&text),
            [
                (
                    code::REDEFINITION.to_string(),
                    "variable `x1` is defined twice".to_string()
                ),
                (
                    code::REDEFINITION.to_string(),
                    "parameter `I` is assigned".to_string()
                ),
            ]
        );
    }

    #[test]
    fn assignments_to_primitives_and_constants_are_reported_once() {
        let text =
            program("    rot90 = rot90(I)\n    ZERO = rot90(I)\n    O = rot90(I)\n    return O\n");
        assert_eq!(
            errors(&text),
            [
                (
                    code::ASSIGN_TO_BUILTIN.to_string(),
                    "cannot assign to `rot90`, a primitive of the DSL".to_string()
                ),
                (
                    code::ASSIGN_TO_BUILTIN.to_string(),
                    "cannot assign to `ZERO`, a constant of the DSL".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_program_without_return_is_reported_at_its_name() {
        let text = "def helper(I):\n    x1 = rot90(I)\n";
        assert_eq!(labelled(text), ["helper"]);
        assert_eq!(errors(text)[0].0, code::MISSING_RETURN);
    }

    #[test]
    fn parameters_must_be_i_or_s_i_or_s_i_c() {
        let ok = "def solve_a(I):\n    return I\ndef solve_b(S, I, C):\n    return I\n\
                  def differ_c(S, I, C):\n    return C\ndef helper(S, I, C):\n    return C\n";
        assert_eq!(errors(ok), []);
        for params in ["", "X", "I, S", "I, I", "S, I, C, D", "C, I, S"] {
            let text = format!("def solve_x({params}):\n    return I\n");
            let found = errors(&text);
            assert!(
                found.iter().any(|(c, _)| c == code::BAD_PARAMETERS),
                "({params}): {found:?}"
            );
        }
        // Older tokpidjin solvers take `(S, I)`; differs do not.
        assert!(errors("def solve_x(S, I):\n    return I\n").is_empty());
        assert!(!errors("def differ_x(S, I):\n    return I\n").is_empty());
        let differ = "def differ_x(I):\n    return I\n";
        assert_eq!(labelled(differ), ["I"]);
        assert_eq!(
            errors(differ)[0].1,
            "a differ takes the parameters `(S, I, C)`, but `differ_x` has `(I)`"
        );
        let no_params = "def solve_x():\n    return I\n";
        let diags = diags_of(no_params);
        assert_eq!(diags[0].code.as_deref(), Some(code::BAD_PARAMETERS));
        assert_eq!(&no_params[diags[0].labels[0].range.clone()], "solve_x");
    }

    #[test]
    fn a_solver_whose_output_depends_on_c_is_reported_with_the_chain() {
        let text = "def solve_x(S, I, C):\n    x1 = rot90(C)\n    x2 = astuple(S, I)\n    \
                    x3 = astuple(x2, x1)\n    O = first(x3)\n    return O\n";
        let diags = diags_of(text);
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].code.as_deref(),
            Some(code::DEPENDS_ON_EXPECTED_OUTPUT)
        );
        let chain: Vec<(&str, &str)> = diags[0]
            .labels
            .iter()
            .map(|l| (&text[l.range.clone()], l.message.as_str()))
            .collect();
        assert_eq!(
            chain,
            [
                ("O", "`O` depends on `C`"),
                ("x3", "`O` is computed from `x3` here"),
                ("x1", "`x3` is computed from `x1` here"),
                ("C", "`x1` is computed from `C` here"),
            ]
        );
    }

    #[test]
    fn dependence_on_c_goes_through_callees_and_direct_returns() {
        let through_callee =
            "def solve_x(S, I, C):\n    x1 = lbind(equality, C)\n    O = x1(I)\n    return O\n";
        assert_eq!(
            errors(through_callee)[0].0,
            code::DEPENDS_ON_EXPECTED_OUTPUT
        );
        let direct = "def solve_x(S, I, C):\n    return C\n";
        assert_eq!(errors(direct)[0].0, code::DEPENDS_ON_EXPECTED_OUTPUT);
        let unused = "def solve_x(S, I, C):\n    x1 = rot90(C)\n    O = rot90(I)\n    return O\n";
        assert_eq!(errors(unused), []);
        let differ = "def differ_x(S, I, C):\n    O = equality(I, C)\n    return O\n";
        assert_eq!(errors(differ), []);
    }

    #[test]
    fn duplicate_programs_are_found_across_files() {
        let (a, _) = syntax::parse(0, "def solve_x(I):\n    return I\n");
        let (b, _) = syntax::parse(
            1,
            "def solve_y(I):\n    return I\ndef solve_x(I):\n    return I\n",
        );
        let diags = check(&[(0, &a), (1, &b)]);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code.as_deref(), Some(code::DUPLICATE_PROGRAM));
        let files: Vec<usize> = diags[0].labels.iter().map(|l| l.file_id).collect();
        assert_eq!(files, [1, 0]);
    }

    #[test]
    fn every_error_is_collected_in_file_order() {
        let text = "def solve_a(I):\n    x1 = fil(I)\n\
                    def solve_b(X):\n    O = rot90(I, I)\n    return O\n\
                    def solve_a(I):\n    return I\n";
        let codes: Vec<String> = errors(text).into_iter().map(|(c, _)| c).collect();
        assert_eq!(
            codes,
            [
                code::MISSING_RETURN,
                code::UNKNOWN_NAME,
                code::BAD_PARAMETERS,
                code::ARITY,
                code::UNKNOWN_NAME,
                code::UNKNOWN_NAME,
                code::DUPLICATE_PROGRAM
            ]
        );
    }

    #[test]
    fn the_catalogue_can_be_replaced() {
        let sigs = [PrimSig {
            name: "twist",
            params: &["grid"],
            param_types: &[Type::Grid],
            ret: Type::Grid,
            defaults: &[],
        }];
        let consts = [("K", ConstValue::Int(1))];
        let builtins = Builtins {
            primitives: &[&sigs],
            constants: &[&consts],
        };
        let (file, _) = syntax::parse(
            0,
            "def solve_x(I):\n    x1 = twist(I, K)\n    O = rot90(x1)\n    return O\n",
        );
        let codes: Vec<String> = check_with(&[(0, &file)], &builtins)
            .into_iter()
            .filter_map(|d| d.code)
            .collect();
        assert_eq!(codes, [code::ARITY, code::UNKNOWN_NAME]);
    }

    #[test]
    fn rendering_shows_file_line_column_and_carets() {
        let text = "def solve_x(I):\n    O = fil(I)\n    return O\n";
        let mut files = SimpleFiles::new();
        let id = files.add("card.py".to_string(), text.to_string());
        let (file, _) = syntax::parse(id, text);
        let out = render(&files, &check(&[(id, &file)]));
        assert!(
            out.starts_with("error[unknown-name]: unknown primitive or variable `fil`\n"),
            "{out}"
        );
        assert!(out.contains("┌─ card.py:2:9"), "{out}");
        assert!(out.contains("  │         ^^^ "), "{out}");
        assert!(out.contains("= help: did you mean `fill`?"), "{out}");
        assert!(!out.contains('\u{1b}'), "no colour codes: {out}");
    }

    #[test]
    fn rendering_keeps_fifty_diagnostics_and_says_how_many_more_there_were() {
        let body: String = (0..80).map(|i| format!("    x{i} = fil(I)\n")).collect();
        let text = format!("def solve_x(I):\n{body}    return I\n");
        let mut files = SimpleFiles::new();
        let id = files.add("card.py".to_string(), text.clone());
        let (file, _) = syntax::parse(id, &text);
        let diags = check(&[(id, &file)]);
        assert_eq!(diags.len(), 80);
        let out = render(&files, &diags);
        assert_eq!(out.matches("error[unknown-name]").count(), MAX_RENDERED);
        assert!(
            out.ends_with("... and 30 more diagnostics left out (fix these first)\n"),
            "{out}"
        );
    }

    #[test]
    fn rendering_cuts_a_very_long_source_line_and_says_by_how_much() {
        let deep = 100_000;
        let nested = format!(
            "def solve_x(I):\n    O = {}I{}\n    return O\n",
            "vmirror(".repeat(deep),
            ")".repeat(deep)
        );
        let wide = format!(
            "def solve_x(I):\n    O = fil({}I)\n    return O\n",
            "ONE, ".repeat(20_000)
        );
        for text in [nested, wide] {
            let mut files = SimpleFiles::new();
            let id = files.add("card.py".to_string(), text.clone());
            let (file, mut diags) = syntax::parse(id, &text);
            diags.extend(check(&[(id, &file)]));
            assert!(!diags.is_empty(), "{text:.80}");
            let out = render(&files, &diags);
            assert!(out.len() < 4_000, "{} bytes: {out:.2000}", out.len());
            assert!(out.contains("┌─ card.py:2:"), "{out}");
            assert!(out.contains(" more characters)"), "{out}");
        }
    }

    #[test]
    fn rendering_a_diagnostic_of_a_missing_file_falls_back_to_its_message() {
        let files = SimpleFiles::new();
        let diag =
            error(code::ARITY, "oops".to_string()).with_labels(vec![Label::primary(3, 0..1)]);
        assert_eq!(render(&files, &[diag]), "error: oops\n");
    }

    #[test]
    fn suggestions_need_a_near_name() {
        let names = ["fill", "rot90", "x1", "I", "ONE"];
        assert_eq!(closest("fil", names.into_iter()), Some("fill"));
        assert_eq!(closest("rot9O", names.into_iter()), Some("rot90"));
        assert_eq!(closest("xl", names.into_iter()), Some("x1"));
        assert_eq!(closest("x", names.into_iter()), None);
        assert_eq!(closest("abc", names.into_iter()), None);
        assert_eq!(closest("fxxxl", names.into_iter()), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("é", "e"), 1);
    }
}
