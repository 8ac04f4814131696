/// Activities as the state keeps them: a compact row each, read back as the event's payload
/// through `activity(at:)`.
///
/// Why not the payload itself: activities are the second most frequent entity of a journal
/// (1.8M of a 10M-event one), and a `Recorded<GroupActivityHeld>` took 193 bytes each: four
/// strings of 16 bytes, an optional string, an optional integer, and a list of participant ids
/// allocated on its own. A row refers to its group and schools by their positions in
/// `groups` and `schools` (which the fold's checks find anyway), keeps the participants of
/// all activities in one flat array, and sets what few activities have (a theme, more than
/// 65,535 days, a detailed provenance) aside: 40 bytes and about 8 of participants.
extension LedgerState {
    /// One activity, compact (see the extension's comment). Positions refer to this state's
    /// tables, which are only ever appended to, so they stay valid.
    public struct ActivityEntry: Sendable, Equatable {
        /// The activity's id.
        public let activityId: String
        /// When it took place and which event recorded it.
        public let stamp: Stamp
        /// The group's position in `groups`.
        let groupPosition: Int32
        /// The host school's position in `schools`.
        let hostSchoolPosition: Int32
        /// Where this activity's participants end in `activityParticipantPositions` (they start
        /// where the previous activity's end: rows and participants are appended together).
        let participantsEnd: UInt32
        /// `days` when it is 1...65535; 0 when absent or kept in the details.
        let shortDays: UInt16
        /// What kind of activity.
        public let kind: ActivityKind
        /// Bit 0: a synthetic fact (with no other provenance detail); bit 1: details are in
        /// `activityDetails`.
        let flags: UInt8

        static let syntheticFlag: UInt8 = 1
        static let detailsFlag: UInt8 = 2
    }

    /// What few activities record beyond the compact row.
    struct ActivityDetails: Sendable, Equatable {
        var days: Int64?
        var themeZh: String?
        var provenance: Provenance
    }

    /// Files a new activity whose group and host are at the given positions, its participants'
    /// positions having just been appended to `activityParticipantPositions` (the caller has
    /// checked them all and that the id is unused).
    mutating func appendActivity(_ payload: GroupActivityHeld, stamp: Stamp, groupPosition: Int, hostSchoolPosition: Int) {
        guard retention == .full else {
            // A live state keeps the id only: the participants the checks filed go again.
            historyIds.activities.insert(payload.activityId)
            activityParticipantPositions.removeAll(keepingCapacity: true)
            return
        }
        precondition(activityParticipantPositions.count <= Int(UInt32.max), "at most \(UInt32.max) participants in all activities")
        let days = payload.days
        let shortDays: UInt16 = days.flatMap { (1...Int64(UInt16.max)).contains($0) ? UInt16($0) : nil } ?? 0
        let plain = payload.provenance.isPlain
        let needsDetails = payload.themeZh != nil || !plain || (days != nil && shortDays == 0)
        var flags: UInt8 = plain && payload.provenance.synthetic ? ActivityEntry.syntheticFlag : 0
        if needsDetails {
            flags |= ActivityEntry.detailsFlag
            activityDetails[Int32(activityRows.count)] = ActivityDetails(days: shortDays == 0 ? days : nil, themeZh: payload.themeZh,
                                                                       provenance: payload.provenance)
        }
        let entry = ActivityEntry(activityId: payload.activityId, stamp: stamp, groupPosition: Int32(groupPosition),
                                  hostSchoolPosition: Int32(hostSchoolPosition),
                                  participantsEnd: UInt32(activityParticipantPositions.count), shortDays: shortDays,
                                  kind: payload.kind, flags: flags)
        activityRows.append(entry, forNewKey: payload.activityId)
    }

    /// The activities, compact: read each back with `activity(at:)`. Only a `.full` state keeps
    /// them; asking a `.live` one stops the process (see `Retention`), rather than answer as if
    /// none were held.
    public var activities: KeyedTable<ActivityEntry> {
        // A borrow, not a copy: the policy evaluators read it in their loops.
        _read {
            requireHistory("activities")
            yield activityRows
        }
    }

    /// The group id of the activity at `position` in `activities`.
    public func activityGroupId(at position: Int) -> String {
        groups.key(at: Int(activityRows.values[position].groupPosition))
    }

    /// The activity at `position` in `activities`, as its event recorded it.
    public func activity(at position: Int) -> Recorded<GroupActivityHeld> {
        let entry = activityRows.values[position]
        let start = position == 0 ? 0 : Int(activityRows.values[position - 1].participantsEnd)
        let participants = activityParticipantPositions[start..<Int(entry.participantsEnd)].map { schools.key(at: Int($0)) }
        let details = entry.flags & ActivityEntry.detailsFlag != 0 ? activityDetails[Int32(position)] : nil
        let provenance = details?.provenance ?? Provenance(synthetic: entry.flags & ActivityEntry.syntheticFlag != 0)
        let payload = GroupActivityHeld(activityId: entry.activityId, groupId: groups.key(at: Int(entry.groupPosition)), kind: entry.kind,
                                        hostSchoolId: schools.key(at: Int(entry.hostSchoolPosition)), participantSchoolIds: participants,
                                        days: entry.shortDays == 0 ? details?.days : Int64(entry.shortDays),
                                        themeZh: details?.themeZh, provenance: provenance)
        return Recorded(payload: payload, stamp: entry.stamp)
    }
}

extension LedgerState.ActivityEntry: KeyedEntry {
    public var entryKey: String { activityId }
}
