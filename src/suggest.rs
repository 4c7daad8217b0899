//! "Did you mean …?" hints: the closest candidate by edit distance.

/// The candidate closest to `word` within a small edit distance (one edit per three characters,
/// at least one and at most three), for hints on misspelt tags, roles and addresses.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates.into_iter().map(|c| (distance(word, c), c)).filter(|(d, _)| *d > 0 && *d <= limit).min().map(|(_, c)| c)
}

/// Levenshtein distance in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(closest("intnet", ["intent", "role", "owner"]), Some("intent"));
        assert_eq!(closest("rol", ["intent", "role"]), Some("role"));
        assert_eq!(closest("banana", ["intent", "role"]), None);
        assert_eq!(closest("role", ["role"]), None, "an exact match needs no hint");
    }
}
