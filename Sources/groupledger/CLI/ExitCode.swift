/// The process exit codes, as in swift-argument-parser and sysexits.h.
enum ExitCode: Int32 {
    /// The command did what was asked (policy findings included).
    case success = 0
    /// The command failed or found an integrity problem.
    case failure = 1
    /// The command line was wrong (EX_USAGE).
    case usage = 64
}
