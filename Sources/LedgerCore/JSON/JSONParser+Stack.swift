extension JSONParser {
    /// Holds the elements of every open container during a parse. Elements are moved (not copied)
    /// into each finished container's array, which is allocated once at its exact size; a plain
    /// Array here would cost a retain and a release per element and a generic destroy on truncation.
    struct Stack<Element>: ~Copyable {
        private var storage: UnsafeMutablePointer<Element>
        private var capacity: Int
        /// False while `storage` is the caller's temporary (stack) memory, which must not be freed here.
        private var ownsStorage: Bool
        private(set) var count = 0

        /// Starts in `initialStorage` (typically stack memory from `withUnsafeTemporaryAllocation`,
        /// which saves a heap allocation per parse) and moves to the heap only if it outgrows it.
        init(initialStorage: UnsafeMutableBufferPointer<Element>) {
            if let base = initialStorage.baseAddress, initialStorage.count > 0 {
                storage = base
                capacity = initialStorage.count
                ownsStorage = false
            } else {
                // Only lenient input needs some stacks; they are allocated on first use.
                capacity = 0
                storage = UnsafeMutablePointer<Element>.allocate(capacity: 1)
                ownsStorage = true
            }
        }

        deinit {
            storage.deinitialize(count: count)
            if ownsStorage {
                storage.deallocate()
            }
        }

        @inline(__always)
        mutating func push(_ element: consuming Element) {
            if count == capacity {
                grow()
            }
            (storage + count).initialize(to: element)
            count += 1
        }

        /// Read access to an element still on the stack.
        @inline(__always)
        func withElement<Result>(at index: Int, _ body: (borrowing Element) -> Result) -> Result {
            body(storage[index])
        }

        /// Moves the elements from `start` to the top into a new array and pops them.
        mutating func popArray(from start: Int) -> [Element] {
            let moved = count - start
            let source = storage + start
            let result = [Element](unsafeUninitializedCapacity: moved) { buffer, initializedCount in
                guard let target = buffer.baseAddress else {
                    initializedCount = 0
                    return
                }
                target.moveInitialize(from: source, count: moved)
                initializedCount = moved
            }
            count = start
            return result
        }

        /// Moves the elements from `start` to the top into `target` (uninitialised memory) and pops them.
        mutating func moveTop(from start: Int, to target: UnsafeMutablePointer<Element>) {
            target.moveInitialize(from: storage + start, count: count - start)
            count = start
        }

        /// Pops the elements from `start` to the top.
        mutating func removeTop(from start: Int) {
            (storage + start).deinitialize(count: count - start)
            count = start
        }

        private mutating func grow() {
            let newCapacity = max(16, capacity * 2)
            let newStorage = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
            newStorage.moveInitialize(from: storage, count: count)
            if ownsStorage {
                storage.deallocate()
            }
            storage = newStorage
            ownsStorage = true
            capacity = newCapacity
        }
    }
}
