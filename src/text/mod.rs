//! Text: a file's bytes decoded (with a map back to the original bytes),
//! its lines, and the folded buffer the matcher searches.

pub mod decode;
pub mod fold;
pub mod lines;

pub use decode::SourceText;
pub use fold::Folded;
pub use lines::LineIndex;
