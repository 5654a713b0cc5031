//! The filter stage, a file a filter: after the scan, in this order,
//! allowed phrases ([`allow`]), `near` terms ([`near`]), then suppression
//! comments ([`suppress`]); [`scope`] decides beforehand which rules apply
//! to a file, and [`baseline`] last which findings are already known.

pub mod allow;
pub mod baseline;
pub mod near;
pub mod scope;
pub mod suppress;
