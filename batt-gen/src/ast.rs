//! The syntax tree of a card file.
//!
//! A card file is a sequence of programs in the Python syntax of the ARC
//! DSL. Every node keeps the byte range it came from, so that the checker
//! can point at it.

use std::ops::Range;

/// A byte range in a card file's text.
pub type Span = Range<usize>;

/// A name and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it stands.
    pub span: Span,
}

/// One card file: its programs, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CardFile {
    /// The programs.
    pub programs: Vec<Program>,
}

/// `def NAME(PARAMS): BODY return RET`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// The program's name (`solve_<task>`, `differ_<name>`, or a helper).
    pub name: Ident,
    /// The parameters (`I`, or `S, I, C`).
    pub params: Vec<Ident>,
    /// The assignments, in order.
    pub body: Vec<Assign>,
    /// The returned variable; `None` when the program has no `return`.
    pub ret: Option<Ident>,
    /// From `def` to the end of the program's last statement.
    pub span: Span,
}

/// `TARGET = VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assign {
    /// The variable assigned.
    pub target: Ident,
    /// The value.
    pub value: Expr,
}

/// An expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A variable, parameter, primitive or constant.
    Name(Ident),
    /// An integer literal (possibly negative).
    Int(i64, Span),
    /// A call.
    Call(Call),
}

impl Expr {
    /// Where the expression stands.
    pub fn span(&self) -> Span {
        match self {
            Expr::Name(id) => id.span.clone(),
            Expr::Int(_, span) => span.clone(),
            Expr::Call(call) => call.span.clone(),
        }
    }
}

/// `CALLEE(ARGS)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The primitive or variable called.
    pub callee: Ident,
    /// The arguments, in order.
    pub args: Vec<Arg>,
    /// From the callee to the closing parenthesis.
    pub span: Span,
}

/// An argument, positional or `KEYWORD=VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    /// The keyword, for keyword arguments.
    pub keyword: Option<Ident>,
    /// The value.
    pub value: Expr,
}

impl CardFile {
    /// Calls `f` on every name the programs use (callees, arguments,
    /// keywords' values), in order.
    pub fn names<'a>(&'a self, f: &mut impl FnMut(&'a str)) {
        for program in &self.programs {
            for assign in &program.body {
                assign.value.names(f);
            }
        }
    }
}

impl Expr {
    /// Calls `f` on every name in the expression.
    pub fn names<'a>(&'a self, f: &mut impl FnMut(&'a str)) {
        match self {
            Expr::Name(id) => f(&id.name),
            Expr::Int(..) => {}
            Expr::Call(call) => {
                f(&call.callee.name);
                for arg in &call.args {
                    arg.value.names(f);
                }
            }
        }
    }
}
