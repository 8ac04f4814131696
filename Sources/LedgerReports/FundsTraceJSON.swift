public import LedgerCore

/// The funds trace for jq: one object per allocation (JSON lines), amounts in integer fen.
///
/// `{allocationId, fiscalYear, purpose, fromAuthorityId, toSchoolId, toCampusId?, groupId?, amountFen, seq, authority?,
///   earmarks: [{earmarkId, purpose, beneficiarySchoolId?, beneficiaryCampusId?, amountFen, spentFen, availableFen, seq, authority?, expenditures: [...]}],
///   expenditures: [...], earmarkedFen, spentFen, availableFen}` where an expenditure is
/// `{expenditureId, category, payerSchoolId, payeeSchoolId?, payeeZh?, amountFen, effective, seq, authority?}`.
public enum FundsTraceJSON {
    /// One JSON value per allocation, in the order `FundsTraceText.allocations` gives.
    public static func values(_ allocations: [LedgerState.AllocationEntry], state: LedgerState, authorities: [Int64: Authority]) -> [JSONValue] {
        func stamped(_ members: inout [(String, JSONValue)], seq: Int64) {
            members.append(("seq", .integer(seq)))
            if let authority = authorities[seq] { members.append(("authority", authority.json)) }
        }
        func expenditures(allocationId: String? = nil, earmarkId: String? = nil) -> JSONValue {
            .array(FundsTraceText.expenditures(state, allocationId: allocationId, earmarkId: earmarkId).map { entry in
                let payload = entry.payload
                var members: [(String, JSONValue)] = [
                    ("expenditureId", .string(payload.expenditureId)), ("category", .string(payload.category.rawValue)),
                    ("payerSchoolId", .string(payload.payerSchoolId)),
                ]
                if let payee = payload.payeeSchoolId { members.append(("payeeSchoolId", .string(payee))) }
                if let payee = payload.payeeZh { members.append(("payeeZh", .string(payee))) }
                members.append(("amountFen", .integer(payload.amountFen)))
                members.append(("effective", .string(entry.stamp.effective.description)))
                stamped(&members, seq: entry.stamp.seq)
                return .object(JSONObject(uniqueKeysWithValues: members))
            })
        }
        return allocations.map { allocation in
            let payload = allocation.payload
            var members: [(String, JSONValue)] = [
                ("allocationId", .string(payload.allocationId)), ("fiscalYear", .integer(Int64(payload.fiscalYear))),
                ("purpose", .string(payload.purpose.rawValue)), ("fromAuthorityId", .string(payload.fromAuthorityId)),
                ("toSchoolId", .string(payload.toSchoolId)),
            ]
            if let campus = payload.toCampusId { members.append(("toCampusId", .string(campus))) }
            if let group = payload.groupId { members.append(("groupId", .string(group))) }
            members.append(("amountFen", .integer(payload.amountFen)))
            stamped(&members, seq: allocation.stamp.seq)
            members.append(("earmarks", .array(FundsTraceText.earmarks(state, allocationId: payload.allocationId).map { earmark in
                var fields: [(String, JSONValue)] = [
                    ("earmarkId", .string(earmark.payload.earmarkId)), ("purpose", .string(earmark.payload.purpose.rawValue)),
                ]
                if let school = earmark.payload.beneficiarySchoolId { fields.append(("beneficiarySchoolId", .string(school))) }
                if let campus = earmark.payload.beneficiaryCampusId { fields.append(("beneficiaryCampusId", .string(campus))) }
                fields += [
                    ("amountFen", .integer(earmark.payload.amountFen)), ("spentFen", .integer(earmark.spentFen)),
                    ("availableFen", .integer(earmark.availableFen)),
                ]
                stamped(&fields, seq: earmark.stamp.seq)
                fields.append(("expenditures", expenditures(earmarkId: earmark.payload.earmarkId)))
                return .object(JSONObject(uniqueKeysWithValues: fields))
            })))
            members.append(("expenditures", expenditures(allocationId: payload.allocationId)))
            members += [
                ("earmarkedFen", .integer(allocation.earmarkedFen)), ("spentFen", .integer(allocation.spentFen)),
                ("availableFen", .integer(allocation.availableFen)),
            ]
            return .object(JSONObject(uniqueKeysWithValues: members))
        }
    }
}
