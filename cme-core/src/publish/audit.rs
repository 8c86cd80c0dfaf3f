//! The attacker's audit: for each hidden figure, the least and the greatest
//! value consistent with everything published (the shown figures, the
//! relations of [`super::figures`], non-negativity, and the rates and means
//! shown), each found by a linear program solved with `microlp`.
//!
//! The programs are solved per *component*: hidden figures tied by a
//! relation are solved together, and a relation whose other figures are
//! all shown only moves its right-hand side. Bounds are those of the linear
//! relaxation, rounded inward to integers (a count is an integer); for one-
//! and two-way tables with their margins the relaxation's bounds are the
//! integer bounds (the constraint matrix is totally unimodular), for a
//! bundle of several breakdowns they may be wider than an attacker solving
//! the integer program would find (see `docs/limits.md`).

use std::collections::BTreeMap;

use microlp::{ComparisonOp, OptimizationDirection, Problem};

use super::figures::{Op, Relation};

/// A hidden figure's interval: the least and the greatest value consistent
/// with what is published (`max` is `None` when nothing bounds it above).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub min: u64,
    pub max: Option<u64>,
}

impl Bounds {
    /// The width of the interval (`None`: unbounded).
    pub(crate) fn width(&self) -> Option<u64> {
        self.max.map(|m| m.saturating_sub(self.min))
    }

    /// Whether the interval is at least `width` wide.
    pub(crate) fn wide(&self, width: u64) -> bool {
        self.width().is_none_or(|w| w >= width)
    }
}

/// Why an audit could not be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AuditFailure {
    /// The published figures contradict their relations: no value of the
    /// hidden figures agrees with them (a figure was changed, or the
    /// tables do not come from the same cases).
    Inconsistent,
    /// The solver gave no answer.
    Solver,
}

/// The relations each variable is in.
pub(crate) fn membership(relations: &[Relation], vars: usize) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); vars];
    for (r, rel) in relations.iter().enumerate() {
        for (v, _) in &rel.terms {
            if let Some(list) = out.get_mut(*v) {
                if list.last() != Some(&r) {
                    list.push(r);
                }
            }
        }
    }
    out
}

/// The hidden variables in groups tied by relations, each group sorted, the
/// groups in the order of their first variable.
pub(crate) fn components(relations: &[Relation], hidden: &[bool]) -> Vec<Vec<usize>> {
    let n = hidden.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while let Some(&p) = parent.get(x) {
            if p == x {
                break;
            }
            let gp = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(x) {
                *slot = gp;
            }
            x = p;
        }
        x
    }
    for rel in relations {
        let mut first: Option<usize> = None;
        for (v, _) in &rel.terms {
            if !hidden.get(*v).copied().unwrap_or(false) {
                continue;
            }
            match first {
                None => first = Some(*v),
                Some(f) => {
                    let a = find(&mut parent, f);
                    let b = find(&mut parent, *v);
                    if a != b {
                        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                        if let Some(slot) = parent.get_mut(hi) {
                            *slot = lo;
                        }
                    }
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for v in 0..n {
        if hidden.get(v).copied().unwrap_or(false) {
            let root = find(&mut parent, v);
            groups.entry(root).or_default().push(v);
        }
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_by_key(|g| g.first().copied());
    out
}

/// A row of a component's program: terms, comparison, right-hand side.
type Row = (Vec<(usize, f64)>, Op, f64);

/// The relations of a component, with the shown figures moved to the
/// right-hand side: `(terms over the component's local indices, op, rhs)`.
struct Local {
    rows: Vec<Row>,
}

fn local(
    relations: &[Relation],
    member: &[Vec<usize>],
    known: &[Option<f64>],
    component: &[usize],
) -> Result<Local, AuditFailure> {
    let position: BTreeMap<usize, usize> =
        component.iter().enumerate().map(|(i, v)| (*v, i)).collect();
    let mut seen: Vec<usize> = component
        .iter()
        .flat_map(|v| member.get(*v).into_iter().flatten().copied())
        .collect();
    seen.sort_unstable();
    seen.dedup();
    let mut rows = Vec::new();
    for r in seen {
        let Some(rel) = relations.get(r) else {
            continue;
        };
        let mut terms = Vec::new();
        let mut rhs = rel.rhs;
        for (v, c) in &rel.terms {
            match position.get(v) {
                Some(i) => terms.push((*i, *c)),
                None => rhs -= c * known.get(*v).copied().flatten().unwrap_or(0.0),
            }
        }
        if terms.is_empty() {
            continue;
        }
        rows.push((terms, rel.op, rhs));
    }
    Ok(Local { rows })
}

fn optimum(
    local: &Local,
    size: usize,
    objective: &[(usize, f64)],
    caps: Option<&[f64]>,
    direction: OptimizationDirection,
) -> Result<Option<(f64, Vec<f64>)>, AuditFailure> {
    match solve(local, size, objective, caps, direction, false) {
        // A degenerate system (margins of both sides repeat one equality)
        // can stop the dual simplex: the same program with each equality
        // written as two inequalities is solved again.
        Err(AuditFailure::Solver) => solve(local, size, objective, caps, direction, true),
        other => other,
    }
}

/// Solves one program: the optimum of the objective and the point reaching
/// it (`None`: the objective is unbounded).
fn solve(
    local: &Local,
    size: usize,
    objective: &[(usize, f64)],
    caps: Option<&[f64]>,
    direction: OptimizationDirection,
    split: bool,
) -> Result<Option<(f64, Vec<f64>)>, AuditFailure> {
    let mut problem = Problem::new(direction);
    let mut coefficients = vec![0.0; size];
    for (i, c) in objective {
        if let Some(slot) = coefficients.get_mut(*i) {
            *slot += c;
        }
    }
    let vars: Vec<microlp::Variable> = coefficients
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cap = caps
                .and_then(|c| c.get(i).copied())
                .unwrap_or(f64::INFINITY);
            problem.add_var(*c, (0.0, cap))
        })
        .collect();
    for (terms, op, rhs) in &local.rows {
        let expr: Vec<(microlp::Variable, f64)> = terms
            .iter()
            .filter_map(|(i, c)| vars.get(*i).map(|v| (*v, *c)))
            .collect();
        match op {
            Op::Eq if split => {
                problem.add_constraint(expr.as_slice(), ComparisonOp::Le, *rhs);
                problem.add_constraint(expr.as_slice(), ComparisonOp::Ge, *rhs);
            }
            Op::Eq => problem.add_constraint(expr.as_slice(), ComparisonOp::Eq, *rhs),
            Op::Le => problem.add_constraint(expr.as_slice(), ComparisonOp::Le, *rhs),
        }
    }
    match problem.solve() {
        Ok(outcome) => match outcome.solution() {
            Some(solution) => Ok(Some((
                solution.objective(),
                vars.iter().map(|v| solution.var_value(*v)).collect(),
            ))),
            None => Err(AuditFailure::Solver),
        },
        Err(microlp::Error::Unbounded) => Ok(None),
        Err(microlp::Error::Infeasible) => Err(AuditFailure::Inconsistent),
        Err(_) => Err(AuditFailure::Solver),
    }
}

/// Tolerance of the solver's answers (the figures are integers).
const EPS: f64 = 1e-6;

/// What the audit knows of a hidden count: an interval of values
/// consistent with what is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub bounds: Bounds,
    /// `true`: the least and greatest consistent values (two linear
    /// programs); `false`: values shown consistent by solutions of the
    /// programs, already at least the protection width apart (the exact
    /// interval holds it).
    pub exact: bool,
}

fn inward(lo: f64, hi: Option<f64>) -> Bounds {
    let min = (lo - EPS).ceil().max(0.0);
    let max = hi.map(|h| (h + EPS).floor().max(min));
    Bounds {
        min: min as u64,
        max: max.map(|m| {
            if m >= u64::MAX as f64 {
                u64::MAX
            } else {
                m as u64
            }
        }),
    }
}

/// The interval of each target of a component (targets are people counts
/// of the component).
///
/// Every solution of a program is a point consistent with what is
/// published, and every value between two consistent values is consistent
/// (the set of solutions is convex): a target whose values over the points
/// seen so far are at least `width` apart is protected (*certified*). The
/// points: the known true values when `truth` is given, else any solution;
/// the greatest and the least sum of the targets; then, for each target
/// not yet certified, its own greatest value and, if still needed, its
/// least: two programs that give its exact interval. With `exact`, every
/// target gets its exact interval.
#[allow(clippy::too_many_arguments)]
pub(crate) fn bounds(
    relations: &[Relation],
    member: &[Vec<usize>],
    known: &[Option<f64>],
    component: &[usize],
    targets: &[usize],
    width: u64,
    truth: Option<&[Option<u64>]>,
    exact: bool,
) -> Result<Vec<(usize, Found)>, AuditFailure> {
    let local = local(relations, member, known, component)?;
    let size = component.len();
    let index: Vec<(usize, usize)> = targets
        .iter()
        .filter_map(|t| component.iter().position(|v| v == t).map(|i| (*t, i)))
        .collect();
    let mut seen: Vec<(f64, f64)> = vec![(f64::INFINITY, f64::NEG_INFINITY); size];
    let note = |seen: &mut Vec<(f64, f64)>, point: &[f64]| {
        for (s, x) in seen.iter_mut().zip(point) {
            s.0 = s.0.min(*x);
            s.1 = s.1.max(*x);
        }
    };
    let certified = |seen: &[(f64, f64)], i: usize| {
        seen.get(i).is_some_and(|(lo, hi)| {
            lo.is_finite() && hi.is_finite() && inward(*lo, Some(*hi)).wide(width)
        })
    };
    if !exact {
        let start: Option<Vec<f64>> = match truth {
            Some(t) => Some(
                component
                    .iter()
                    .map(|v| t.get(*v).copied().flatten().unwrap_or(0) as f64)
                    .collect(),
            ),
            None => {
                optimum(&local, size, &[], None, OptimizationDirection::Minimize)?.map(|(_, p)| p)
            }
        };
        if let Some(start) = start {
            note(&mut seen, &start);
            // Capped so that the sums are bounded; a capped solution is a
            // solution.
            let caps: Vec<f64> = start
                .iter()
                .map(|x| 2.0 * x + 400.0 * (width as f64 + 1.0))
                .collect();
            let all: Vec<(usize, f64)> = index.iter().map(|(_, i)| (*i, 1.0)).collect();
            if index.len() > 1 {
                for direction in [
                    OptimizationDirection::Maximize,
                    OptimizationDirection::Minimize,
                ] {
                    if let Some((_, p)) = optimum(&local, size, &all, Some(&caps), direction)? {
                        note(&mut seen, &p);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for (t, i) in index {
        if !exact && certified(&seen, i) {
            let (lo, hi) = seen.get(i).copied().unwrap_or((0.0, 0.0));
            out.push((
                t,
                Found {
                    bounds: inward(lo, Some(hi)),
                    exact: false,
                },
            ));
            continue;
        }
        let hi = match optimum(
            &local,
            size,
            &[(i, 1.0)],
            None,
            OptimizationDirection::Maximize,
        )? {
            Some((v, p)) => {
                note(&mut seen, &p);
                Some(v)
            }
            None => None,
        };
        if !exact && (hi.is_none() || certified(&seen, i)) {
            let lo = seen.get(i).map_or(0.0, |s| s.0);
            let lo = if lo.is_finite() { lo } else { 0.0 };
            let bounds = match hi {
                None => inward(lo, None),
                Some(_) => {
                    let (lo, hi) = seen.get(i).copied().unwrap_or((0.0, 0.0));
                    inward(lo, Some(hi))
                }
            };
            out.push((
                t,
                Found {
                    bounds,
                    exact: false,
                },
            ));
            continue;
        }
        let lo = match optimum(
            &local,
            size,
            &[(i, 1.0)],
            None,
            OptimizationDirection::Minimize,
        )? {
            Some((v, p)) => {
                note(&mut seen, &p);
                v
            }
            None => 0.0,
        };
        out.push((
            t,
            Found {
                bounds: inward(lo, hi),
                exact: true,
            },
        ));
    }
    Ok(out)
}
