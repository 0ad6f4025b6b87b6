/// Finds the word someone probably meant: the closest candidate by edit distance (insertions,
/// deletions, substitutions and swaps of neighbours, each counting 1), when it is close enough.
enum TypoSuggestion {
    /// The nearest candidate, or nil when none is within 1 edit (words up to 4 letters) or 2 edits
    /// (longer words); ties go to the alphabetically first.
    static func nearest(to word: String, among candidates: Set<String>) -> String? {
        let length = word.unicodeScalars.count
        let allowed = length <= 4 ? 1 : 2
        // The distance is at least the difference in length: a long key is not compared at all.
        let scored = candidates.filter { abs($0.unicodeScalars.count - length) <= allowed }
            .map { (candidate: $0, distance: distance(word, $0)) }
            .filter { $0.distance <= allowed }
        return scored.min { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }?.candidate
    }

    /// The optimal-string-alignment distance: Levenshtein's, with a swap of two adjacent letters
    /// (`autorestrat`) as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        // rows[i][j]: the distance between the first i of a and the first j of b.
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let substitution = a[i - 1] == b[j - 1] ? 0 : 1
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + substitution)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
                }
            }
        }
        return rows[a.count][b.count]
    }
}
