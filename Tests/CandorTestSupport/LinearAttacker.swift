/// The attacker of the red-team tests: knows every published cell of a table with totals and that
/// each total is the sum of its parts, and solves all those equations together (Gaussian
/// elimination over the hidden cells), not just one equation at a time.
public enum LinearAttacker {
    /// Cells whose value the published table determines, among `hidden`.
    /// - Parameters:
    ///   - children: for each cell, the cells it is the total of (empty for a leaf).
    ///   - hidden: the cells not published.
    public static func recovered(children: [[Int]], hidden: Set<Int>) -> [Int] {
        let unknowns = hidden.sorted()
        guard !unknowns.isEmpty else { return [] }
        let column = Dictionary(uniqueKeysWithValues: unknowns.enumerated().map { ($1, $0) })
        // One equation per total: Σ parts − total = (published constants), over the hidden cells only.
        var rows: [[Double]] = children.indices.compactMap { node in
            guard !children[node].isEmpty else { return nil }
            var row = [Double](repeating: 0, count: unknowns.count)
            for c in children[node] { if let j = column[c] { row[j] += 1 } }
            if let j = column[node] { row[j] -= 1 }
            return row.contains { $0 != 0 } ? row : nil
        }
        // Reduced row echelon form.
        var pivotRow = 0
        for col in 0..<unknowns.count where pivotRow < rows.count {
            guard let p = (pivotRow..<rows.count).first(where: { abs(rows[$0][col]) > 1e-9 }) else { continue }
            rows.swapAt(pivotRow, p)
            let scale = rows[pivotRow][col]
            rows[pivotRow] = rows[pivotRow].map { $0 / scale }
            for r in rows.indices where r != pivotRow && abs(rows[r][col]) > 1e-9 {
                let f = rows[r][col]
                rows[r] = zip(rows[r], rows[pivotRow]).map { $0 - f * $1 }
            }
            pivotRow += 1
        }
        // A cell is determined exactly when some reduced row is its unit vector.
        return rows.compactMap { row in
            let nonzero = row.indices.filter { abs(row[$0]) > 1e-9 }
            return nonzero.count == 1 ? unknowns[nonzero[0]] : nil
        }.sorted()
    }
}
