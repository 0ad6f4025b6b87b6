import XCTest

@testable import SupervisorAPI

/// The /metrics writer: both formats' framing of counters and gauges, escaping, numbers.
final class ExpositionWriterTests: XCTestCase {
    private func document(_ format: ExpositionFormat, _ write: (inout ExpositionWriter) -> Void) -> String {
        var writer = ExpositionWriter(format: format)
        write(&writer)
        return String(buffer: writer.finish())
    }

    private func counterAndGauge(_ out: inout ExpositionWriter) {
        out.family("jobs_restarts", .counter, help: "Restarts.")
        out.sample(out.labels(["group": "g", "process": "p"]), value: 3)
        out.family("jobs_memory_bytes", .gauge, help: "Memory.")
        out.sample(value: 1024)
    }

    func testThePrometheusFormatNamesCountersWithTheirTotalSuffix() {
        XCTAssertEqual(document(.prometheus, counterAndGauge), """
            # HELP jobs_restarts_total Restarts.
            # TYPE jobs_restarts_total counter
            jobs_restarts_total{group="g",process="p"} 3
            # HELP jobs_memory_bytes Memory.
            # TYPE jobs_memory_bytes gauge
            jobs_memory_bytes 1024

            """)
    }

    func testOpenMetricsNamesTheFamilyWithoutItAndEndsWithEOF() {
        XCTAssertEqual(document(.openMetrics, counterAndGauge), """
            # HELP jobs_restarts Restarts.
            # TYPE jobs_restarts counter
            jobs_restarts_total{group="g",process="p"} 3
            # HELP jobs_memory_bytes Memory.
            # TYPE jobs_memory_bytes gauge
            jobs_memory_bytes 1024
            # EOF

            """)
    }

    func testLabelValuesEscapeBackslashQuoteAndLineFeed() {
        let text = document(.prometheus) { out in
            out.family("x", .gauge, help: "X.")
            out.sample(out.labels(["process": #"a\b"c"# + "\nd", "group": "é ✓"]), value: 1)
        }
        XCTAssertTrue(text.hasSuffix(#"x{process="a\\b\"c\nd",group="é ✓"} 1"# + "\n"), text)
    }

    func testHelpEscapesAsEachFormatSays() {
        let write: (inout ExpositionWriter) -> Void = { out in
            out.family("x", .gauge, help: #"a\b "quoted""# + "\nnext")
            out.sample(value: 1)
        }
        XCTAssertTrue(document(.prometheus, write).hasPrefix(#"# HELP x a\\b "quoted"\nnext"# + "\n"))
        XCTAssertTrue(document(.openMetrics, write).hasPrefix(#"# HELP x a\\b \"quoted\"\nnext"# + "\n"))
    }

    func testAFamilyWithoutSamplesLeavesNothing() {
        let text = document(.openMetrics) { out in
            out.family("empty", .counter, help: "Nothing.")
            out.family("full", .gauge, help: "One.")
            let first = out.labels(["a": "1"])
            out.sample(first, out.labels(["b": "2"]), value: 0)
        }
        XCTAssertEqual(text, "# HELP full One.\n# TYPE full gauge\nfull{a=\"1\",b=\"2\"} 0\n# EOF\n")
    }

    func testNumbers() {
        let values: [Double] = [2, -3, 0.25, 1e-7, 1e20, .infinity, -.infinity, .nan]
        let text = document(.prometheus) { out in
            out.family("n", .gauge, help: "N.")
            for value in values { out.sample(value: value) }
            for value in [0, 7, 10, 99, -100, Int.max, Int.min] { out.sample(value: value) }
        }
        let written = text.split(separator: "\n").filter { $0.hasPrefix("n ") }.map { String($0.dropFirst(2)) }
        XCTAssertEqual(written, ["2", "-3", "0.25", "1e-07", "1e+20", "+Inf", "-Inf", "NaN",
                                 "0", "7", "10", "99", "-100", "9223372036854775807", "-9223372036854775808"])
        for (text, value) in zip(written.prefix(5), values) { XCTAssertEqual(Double(text), value) }
    }

    func testNegotiation() {
        let prometheus = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"
        XCTAssertEqual(ExpositionFormat.negotiate(accept: prometheus), .openMetrics)
        XCTAssertEqual(ExpositionFormat.negotiate(accept: "Application/OpenMetrics-Text; version=\"1.0.0\""), .openMetrics)
        XCTAssertEqual(ExpositionFormat.negotiate(accept: nil), .prometheus)
        XCTAssertEqual(ExpositionFormat.negotiate(accept: "*/*"), .prometheus)
        XCTAssertEqual(ExpositionFormat.negotiate(accept: "text/plain;version=0.0.4"), .prometheus)
        XCTAssertEqual(ExpositionFormat.negotiate(accept: "application/openmetrics-text;q=0.5, text/plain"), .prometheus)
        XCTAssertEqual(ExpositionFormat.negotiate(accept: "application/openmetrics-text;q=0"), .prometheus)
        XCTAssertEqual(ExpositionFormat.negotiate(accept: "application/openmetrics-text;version=2.0.0"), .prometheus)
        XCTAssertEqual(ExpositionFormat.openMetrics.contentType, "application/openmetrics-text; version=1.0.0; charset=utf-8")
        XCTAssertEqual(ExpositionFormat.prometheus.contentType, "text/plain; version=0.0.4; charset=utf-8")
    }
}
