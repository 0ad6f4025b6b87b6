import SupervisorCommon

/// The text formats /metrics speaks: Prometheus's (0.0.4), or OpenMetrics 1.0 when the
/// scraper prefers it (Prometheus itself asks for OpenMetrics first).
enum ExpositionFormat: Equatable {
    case prometheus
    case openMetrics

    var contentType: String {
        switch self {
        case .prometheus: "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8"
        }
    }

    /// OpenMetrics when the `Accept` header names it with a quality at least that of plain
    /// text; plain text otherwise (no header, `*/*`, `text/plain`, an unknown version).
    static func negotiate(accept: String?) -> ExpositionFormat {
        guard let accept else { return .prometheus }
        var openMetrics = 0.0
        var text = 0.0
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingWhitespace().lowercased() }
            guard let type = parts.first else { continue }
            var quality = 1.0
            var version: String?
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace().filter { $0 != "\"" } }
                guard pair.count == 2 else { continue }
                if pair[0] == "q" { quality = Double(pair[1]) ?? 0 }
                if pair[0] == "version" { version = pair[1] }
            }
            switch type {
            case "application/openmetrics-text" where version == nil || version == "1.0.0" || version == "0.0.1":
                openMetrics = max(openMetrics, quality)
            case "text/plain" where version == nil || version == "0.0.4", "text/*", "*/*":
                text = max(text, quality)
            default:
                break
            }
        }
        return openMetrics > 0 && openMetrics >= text ? .openMetrics : .prometheus
    }
}
