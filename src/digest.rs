//! The one digest of the crate: 64-bit FNV-1a. Fast, dependency-free and the
//! same on every platform; it identifies runs (`History::digest`), the model
//! (`fingerprint`) and the data of the command line's output files. It
//! detects accidents (a cut or changed file), not tampering.

/// A running FNV-1a hash.
#[derive(Clone, Copy, Debug)]
pub struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64::new()
    }
}

impl Fnv64 {
    pub const fn new() -> Fnv64 {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub fn finish(&self) -> u64 {
        self.0
    }

    /// The digest as 16 hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The digest of some bytes, as 16 hex digits.
pub fn hex_of(bytes: &[u8]) -> String {
    let mut hash = Fnv64::new();
    hash.write(bytes);
    hash.hex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_fnv1a_vectors() {
        assert_eq!(hex_of(b""), "cbf29ce484222325");
        assert_eq!(hex_of(b"a"), "af63dc4c8601ec8c");
        assert_eq!(hex_of(b"foobar"), "85944171f73967e8");
    }
}
