import Foundation

// The only file that touches the process: arguments in, exit code out.
let status = GroupLedgerCLI.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
exit(status)
