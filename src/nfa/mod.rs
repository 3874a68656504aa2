//! NetFlow Analyzer IP groups made from the records (SPEC 5.10): criteria, the
//! netmasks and the documented encoding (`criteria`), the IP Group API exchange
//! (`api`, transport passed in), and the desired state and the plan (`plan`).
//! Pure: `commands::nfa` runs the plan over the shared HTTP edge.

pub mod api;
pub mod criteria;
pub mod plan;
