//! How much one container file (a `.docx`, `.pptx`, and the PDF and XLSX
//! readers to come) may unpack to: a cap on each part and a total for the
//! file, counted in bytes actually inflated, every time a part is read.
//!
//! Declared sizes in a zip's directory are not trusted (they can lie, and a
//! part reached through two references is inflated twice), so the budget
//! counts what the decompressor really produces and stops reading one byte
//! past what is left. A part read twice counts twice: that bounds the text
//! the file can yield, not only the bytes it holds.

use std::io::Read;

/// The most one part may unpack to (real parts are a few MB).
pub const MAX_PART: u64 = 64 * 1024 * 1024;
/// The most all the reads of one file's parts may unpack to, together.
pub const MAX_FILE: u64 = 256 * 1024 * 1024;

/// The bytes one file may still inflate. Make one per file and pass every
/// read of a part through [`InflateBudget::read`] (or [`InflateBudget::charge`]
/// for bytes decoded some other way).
#[derive(Debug, Clone)]
pub struct InflateBudget {
    part_cap: u64,
    file_cap: u64,
    used: u64,
}

impl Default for InflateBudget {
    fn default() -> Self {
        InflateBudget::new(MAX_PART, MAX_FILE)
    }
}

impl InflateBudget {
    /// A budget of `part_cap` bytes a part and `file_cap` for the file.
    pub fn new(part_cap: u64, file_cap: u64) -> Self {
        InflateBudget {
            part_cap,
            file_cap,
            used: 0,
        }
    }

    /// Bytes inflated so far.
    pub fn used(&self) -> u64 {
        self.used
    }

    /// The most the next part may unpack to.
    pub fn limit(&self) -> u64 {
        self.part_cap.min(self.file_cap.saturating_sub(self.used))
    }

    /// Reads `reader` (one part, inflating) to its end and counts what it
    /// gave. `declared` is the size the container claims, used only to size
    /// the buffer. Reads at most one byte past the budget: a part over it is
    /// an error naming `name`, and nothing more is inflated.
    pub fn read(
        &mut self,
        name: &str,
        reader: impl Read,
        declared: u64,
    ) -> Result<Vec<u8>, String> {
        let limit = self.limit();
        let capacity = declared.min(limit.saturating_add(1)).min(16 << 20);
        let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
        reader
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name}: {e}"))?;
        self.charge(name, bytes.len() as u64)?;
        Ok(bytes)
    }

    /// Counts `n` bytes of `name` decoded some other way; an error if the
    /// part or the file goes over its cap.
    pub fn charge(&mut self, name: &str, n: u64) -> Result<(), String> {
        self.used = self.used.saturating_add(n);
        if n > self.part_cap {
            return Err(format!(
                "{name} unpacks to more than {} MiB; refused",
                self.part_cap >> 20
            ));
        }
        if self.used > self.file_cap {
            return Err(format!(
                "{name}: the parts read unpack to more than {} MiB in all (a part read twice counts twice); refused",
                self.file_cap >> 20
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_read_and_stops_one_byte_past() {
        let mut budget = InflateBudget::new(10, 25);
        let part = [b'x'; 10];
        assert_eq!(budget.read("a", &part[..], 10).unwrap().len(), 10);
        assert_eq!(budget.read("a", &part[..], 10).unwrap().len(), 10);
        assert_eq!(budget.used(), 20);
        let err = budget.read("a", &part[..], 10).unwrap_err();
        assert!(err.contains("in all"), "{err}");
        assert_eq!(budget.used(), 26);

        let mut budget = InflateBudget::new(10, 25);
        let big = [b'x'; 100];
        assert_eq!(
            budget.read("big", &big[..], 0).unwrap_err(),
            "big unpacks to more than 0 MiB; refused"
        );
        assert_eq!(budget.used(), 11);
    }
}
