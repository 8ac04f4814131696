extension JSONObject {
    /// One stored member. A named struct rather than a tuple: tuple elements are copied and
    /// destroyed through the runtime's generic tuple witnesses, which is measurably slower.
    struct Member: Sendable {
        var key: String
        var value: JSONValue
    }

    /// Heap storage for an object's members: a count followed inline by the members, in one
    /// allocation. A dedicated non-generic class avoids what `[Member]` costs on every creation
    /// (Array's allocation path is not specialised, so each new array looks up the generic
    /// metadata of its storage class in the runtime's hash table), which dominated parsing.
    /// A storage is changed only through the single `JSONObject` that uniquely references it
    /// (copy-on-write), which is what makes sharing it between values and threads safe.
    final class Storage: ManagedBuffer<Int, Member> {
        /// Shared by all empty objects so they cost no allocation; immutable, hence safe to share.
        nonisolated(unsafe) static let empty = Storage.make(count: 0) { _ in }

        /// A new storage holding `count` members written by `initialize`, which must
        /// initialise exactly that many, with room for at least `capacity` members.
        static func make(count: Int, capacity: Int = 0, initialize: (UnsafeMutablePointer<Member>) -> Void) -> Storage {
            let buffer = Storage.create(minimumCapacity: Swift.max(count, capacity)) { _ in 0 }
            let storage = unsafeDowncast(buffer, to: Storage.self)
            storage.withUnsafeMutablePointers { header, members in
                initialize(members)
                header.pointee = count
            }
            return storage
        }

        /// A new storage holding copies of `members`.
        static func make(copying members: UnsafeBufferPointer<Member>) -> Storage {
            make(count: members.count) { target in
                if let source = members.baseAddress {
                    target.initialize(from: source, count: members.count)
                }
            }
        }

        deinit {
            withUnsafeMutablePointers { header, members in
                // One member at a time: `deinitialize(count:)` on many elements goes through the
                // runtime's generic array destroy, which is slower for these small objects.
                for index in 0..<header.pointee {
                    (members + index).deinitialize(count: 1)
                }
            }
        }

        /// The number of members.
        var count: Int { header }

        /// Replaces the value at `index`. Only for a storage no other object shares.
        func replaceValue(at index: Int, with value: JSONValue) {
            withUnsafeMutablePointers { _, members in
                members[index].value = value
            }
        }

        /// Removes the member at `index`. Only for a storage no other object shares.
        func remove(at index: Int) {
            withUnsafeMutablePointers { header, members in
                (members + index).deinitialize(count: 1)
                (members + index).moveInitialize(from: members + index + 1, count: header.pointee - index - 1)
                header.pointee -= 1
            }
        }

        /// Inserts `member` at `index`. Only for a storage no other object shares, with spare capacity.
        func insert(_ member: Member, at index: Int) {
            withUnsafeMutablePointers { header, members in
                (members + index + 1).moveInitialize(from: members + index, count: header.pointee - index)
                (members + index).initialize(to: member)
                header.pointee += 1
            }
        }

        /// A new storage with `member` inserted at `index` and room to grow, taking the members
        /// out of this one when no other object shares it and copying them otherwise.
        func inserting(_ member: Member, at index: Int, isUnique: Bool) -> Storage {
            withUnsafeMutablePointers { header, members in
                let count = header.pointee
                let result = Storage.make(count: count + 1, capacity: Swift.max(4, count * 2)) { target in
                    if isUnique {
                        target.moveInitialize(from: members, count: index)
                        (target + index + 1).moveInitialize(from: members + index, count: count - index)
                    } else {
                        target.initialize(from: members, count: index)
                        (target + index + 1).initialize(from: members + index, count: count - index)
                    }
                    (target + index).initialize(to: member)
                }
                if isUnique {
                    header.pointee = 0
                }
                return result
            }
        }

        /// A copy of this storage's members.
        func copy() -> Storage {
            withMembers { Storage.make(copying: $0) }
        }

        /// Read access to the members.
        @inline(__always)
        func withMembers<Result>(_ body: (UnsafeBufferPointer<Member>) throws -> Result) rethrows -> Result {
            try withUnsafeMutablePointers { header, members in
                try body(UnsafeBufferPointer(start: members, count: header.pointee))
            }
        }
    }
}
