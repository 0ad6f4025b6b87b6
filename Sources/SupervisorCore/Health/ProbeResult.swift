/// How one attempt of a check went.
enum ProbeResult: Equatable, Sendable {
    case passed
    /// Why it failed, as descriptions and the main log show it: `connection refused`,
    /// `timed out after 5 seconds`, `HTTP 500`, `exit status 1`, `killed by SIGKILL`.
    case failed(String)
}
