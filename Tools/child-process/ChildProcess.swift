import CChildProcessSpawn
import Glibc

/// A child process started with `posix_spawn`, for the tests and tools that run the built
/// executables.
///
/// Why not Foundation's `Process`: on Linux with Swift 6.3.1, `Process.run()` crashes now and
/// then (SIGSEGV in `memcpy`, about one `swift test` in five here) from a 256-byte over-read of
/// `dirent.d_name` while it lists `/proc/self/fd` (swift-corelibs-foundation PR #5472, fixed
/// after 6.3.1).
///
/// `wait4`'s peak memory is not offered: glibc's `posix_spawn` runs the child in this
/// process's memory until `exec` (CLONE_VM), and Linux counts that memory's peak as the child's.
public final class ChildProcess {
    /// Where a child's standard output or error goes.
    public enum Destination: Sendable {
        /// Kept, and returned by `finish`.
        case capture
        /// Thrown away (`/dev/null`).
        case discard
        /// This process's own descriptor, shared.
        case inherit
    }

    /// How a child ended.
    public struct Termination: Sendable, Equatable {
        /// The exit status, or nil when a signal ended the child.
        public var exitStatus: Int32?
        /// The signal that ended the child, or nil when it exited.
        public var signal: Int32?

        /// The exit status, or 128 + the signal, as a shell reports it.
        public var status: Int32 { exitStatus ?? 128 + (signal ?? 0) }
    }

    /// What a finished child printed, and how it ended.
    public struct Result: Sendable {
        public var termination: Termination
        public var standardOutput: [UInt8]
        public var standardError: [UInt8]

        /// The exit status, or 128 + the signal.
        public var status: Int32 { termination.status }
        /// Standard output as text (invalid UTF-8 replaced).
        public var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
        /// Standard error as text (invalid UTF-8 replaced).
        public var errorText: String { String(decoding: standardError, as: UTF8.self) }
    }

    /// A failure to start a child: which call failed and its errno.
    public struct SpawnError: Error, CustomStringConvertible, Sendable {
        public var executable: String
        public var call: String
        public var errorNumber: Int32

        public var description: String {
            "cannot start \(executable): \(call) failed: \(String(cString: strerror(errorNumber))) (errno \(errorNumber))"
        }
    }

    /// The child's process id.
    public let processIdentifier: Int32
    private var inputDescriptor: Int32
    private var outputDescriptor: Int32
    private var errorDescriptor: Int32
    private var termination: Termination?

    private init(processIdentifier: Int32, input: Int32, output: Int32, error: Int32) {
        self.processIdentifier = processIdentifier
        inputDescriptor = input
        outputDescriptor = output
        errorDescriptor = error
    }

    deinit {
        for descriptor in [inputDescriptor, outputDescriptor, errorDescriptor] where descriptor >= 0 { close(descriptor) }
        // Never leave a zombie behind: a child not waited for is killed and reaped.
        if termination == nil {
            kill(processIdentifier, SIGKILL)
            _ = try? waitForExit()
        }
    }

    /// Runs `executable arguments…` to the end: feeds it `input` on stdin (an empty stdin when
    /// nil) and returns what it printed and how it ended.
    public static func run(_ executable: String, _ arguments: [String], directory: String? = nil,
                           environment: [String: String]? = nil, input: [UInt8]? = nil,
                           standardOutput: Destination = .capture, standardError: Destination = .capture) throws -> Result {
        let child = try start(executable, arguments, directory: directory, environment: environment,
                              input: input != nil, standardOutput: standardOutput, standardError: standardError)
        return try child.finish(input: input ?? [])
    }

    /// Starts `executable arguments…` (argv[0] is `executable`) in `directory`, with
    /// `environment` (this process's when nil). With `input` false, stdin is `/dev/null`.
    public static func start(_ executable: String, _ arguments: [String], directory: String? = nil,
                             environment: [String: String]? = nil, input: Bool = false,
                             standardOutput: Destination = .capture, standardError: Destination = .discard) throws -> ChildProcess {
        _ = ignoreBrokenPipes
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The parent's ends, and the child's ends closed here once the child has them.
        var parentEnds: [Int32] = [-1, -1, -1]
        var childEnds: [Int32] = []
        defer { for descriptor in childEnds { close(descriptor) } }
        func fail(_ call: String, _ errorNumber: Int32) -> SpawnError {
            for descriptor in parentEnds where descriptor >= 0 { close(descriptor) }
            return SpawnError(executable: executable, call: call, errorNumber: errorNumber)
        }
        for (target, destination) in [(Int32(0), input ? Destination.capture : .discard), (1, standardOutput), (2, standardError)] {
            switch destination {
            case .inherit:
                continue
            case .discard:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            case .capture:
                // O_CLOEXEC: a child started at the same time from another thread must not
                // inherit this pipe, or the reader would not see end-of-file until it exits too.
                var ends: [Int32] = [-1, -1]
                guard child_process_pipe_cloexec(&ends) == 0 else { throw fail("pipe2", errno) }
                let (childEnd, parentEnd) = target == 0 ? (ends[0], ends[1]) : (ends[1], ends[0])
                childEnds.append(childEnd)
                parentEnds[Int(target)] = parentEnd
                // Non-blocking on this side: a write larger than the pipe holds must return
                // what fit, so the poll loop can go on reading the child's output meanwhile.
                _ = fcntl(parentEnd, F_SETFL, fcntl(parentEnd, F_GETFL) | O_NONBLOCK)
                // dup2 clears close-on-exec on the target descriptor.
                posix_spawn_file_actions_adddup2(&actions, childEnd, target)
            }
        }
        // Nothing else of this process's open files reaches the child.
        child_process_add_closefrom(&actions, 3)
        if let directory { child_process_add_chdir(&actions, directory) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with default signal handling (this process ignores SIGPIPE) and an
        // empty signal mask (worker threads may block signals).
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argumentStrings = [executable] + arguments
        let environmentStrings = environment.map { $0.map { "\($0.key)=\($0.value)" } }
        var processIdentifier: pid_t = 0
        let result = withCStringArray(argumentStrings) { argv in
            if let environmentStrings {
                return withCStringArray(environmentStrings) { envp in
                    posix_spawn(&processIdentifier, executable, &actions, &attributes, argv, envp)
                }
            }
            return posix_spawn(&processIdentifier, executable, &actions, &attributes, argv, environ)
        }
        guard result == 0 else { throw fail("posix_spawn", result) }
        return ChildProcess(processIdentifier: processIdentifier, input: parentEnds[0], output: parentEnds[1], error: parentEnds[2])
    }

    /// Sends `signal` to the child.
    public func send(_ signal: Int32) {
        kill(processIdentifier, signal)
    }

    /// Writes `input` to the child's stdin (when it was asked for) and closes it, reads its
    /// captured output to the end, waits for it to end, and returns all of it.
    public func finish(input: [UInt8] = []) throws -> Result {
        try Self.finish([self], inputs: [input])[0]
    }

    /// `finish` for several children at once: all their pipes are served together, so a child
    /// blocked on a full pipe never waits behind another that is waiting for it (a lock, say).
    public static func finish(_ children: [ChildProcess], inputs: [[UInt8]]? = nil) throws -> [Result] {
        let inputs = inputs ?? Array(repeating: [], count: children.count)
        var outputs = Array(repeating: [UInt8](), count: children.count)
        var errors = Array(repeating: [UInt8](), count: children.count)
        var written = Array(repeating: 0, count: children.count)
        for (child, input) in zip(children, inputs) where child.inputDescriptor >= 0 && input.isEmpty {
            child.closeDescriptor(&child.inputDescriptor)
        }
        // One poll loop for every pipe, so neither side can block the other.
        while true {
            var descriptors: [pollfd] = []
            var owners: [(child: Int, stream: Int)] = []
            for (index, child) in children.enumerated() {
                for (stream, descriptor) in [child.inputDescriptor, child.outputDescriptor, child.errorDescriptor].enumerated() where descriptor >= 0 {
                    descriptors.append(pollfd(fd: descriptor, events: Int16(stream == 0 ? POLLOUT : POLLIN), revents: 0))
                    owners.append((index, stream))
                }
            }
            if descriptors.isEmpty { break }
            if poll(&descriptors, nfds_t(descriptors.count), -1) < 0 {
                if errno == EINTR { continue }
                throw SpawnError(executable: "children", call: "poll", errorNumber: errno)
            }
            for (entry, owner) in zip(descriptors, owners) where entry.revents != 0 {
                let child = children[owner.child]
                switch owner.stream {
                case 0:
                    let input = inputs[owner.child]
                    let count = input.withUnsafeBytes { write(entry.fd, $0.baseAddress! + written[owner.child], $0.count - written[owner.child]) }
                    // A child that stops reading early (EPIPE) just gets no more input.
                    if count > 0 { written[owner.child] += count } else if errno != EINTR && errno != EAGAIN { written[owner.child] = input.count }
                    if written[owner.child] == input.count { child.closeDescriptor(&child.inputDescriptor) }
                case 1:
                    if !child.readChunk(child.outputDescriptor, into: &outputs[owner.child]) { child.closeDescriptor(&child.outputDescriptor) }
                default:
                    if !child.readChunk(child.errorDescriptor, into: &errors[owner.child]) { child.closeDescriptor(&child.errorDescriptor) }
                }
            }
        }
        return try children.indices.map {
            Result(termination: try children[$0].waitForExit(), standardOutput: outputs[$0], standardError: errors[$0])
        }
    }

    /// Waits for the child to end (once; later calls return the same) and reaps it.
    public func waitForExit() throws -> Termination {
        if let termination { return termination }
        var status: Int32 = 0
        while waitpid(processIdentifier, &status, 0) < 0 {
            if errno != EINTR { throw SpawnError(executable: "child \(processIdentifier)", call: "waitpid", errorNumber: errno) }
        }
        // The wait status layout (<sys/wait.h>): low 7 bits the signal, or 0 and the exit code above.
        let signal = status & 0x7f
        let ended = Termination(exitStatus: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal)
        termination = ended
        return ended
    }

    /// Reads what is there; false at end-of-file or on an error.
    private func readChunk(_ descriptor: Int32, into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
        return count < 0 && (errno == EINTR || errno == EAGAIN)
    }

    private func closeDescriptor(_ descriptor: inout Int32) {
        close(descriptor)
        descriptor = -1
    }

    /// Set once: writing to a child that has exited must fail with EPIPE, not kill this process.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()
}

/// Calls `body` with a NULL-terminated C array of `strings`, valid only inside it.
private func withCStringArray<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    return body(pointers)
}
