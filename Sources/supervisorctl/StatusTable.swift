/// `status` lines: name column at least 30 wide plus 3, then state in 10.
enum StatusTable {
    static func lines(_ infos: [ProcessStatus]) -> [String] {
        let specs = infos.map(\.namespec)
        let width = max(30, specs.map { $0.unicodeScalars.count }.max() ?? 0) + 3
        return zip(specs, infos).map { spec, info in
            PythonText.leftJustify(spec, width) + PythonText.leftJustify(info.statename, 10) + info.description
        }
    }
}
