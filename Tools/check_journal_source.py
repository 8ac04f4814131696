#!/usr/bin/env python3
"""Checks the shipped journal source: Journal/source/batches.tsv and the batch files it lists.

Usage: Tools/check_journal_source.py [--source DIR] [--events PATH] [--profiles DIR]

Each batch file is JSON Lines of append input (type, v, effective, actor, optional authority,
data; never seq/recorded/batch/prev) and is appended as one atomic batch, in the order of
batches.tsv. Python 3 standard library only. Checks, line by line:
  * valid UTF-8 JSON without floats, NFC text, integers within ±(2^53 − 1), depth ≤ 16;
  * the envelope of Journal/FORMAT.md: keys, type, v, effective, actor, authority;
  * the payload of each type against Journal/EVENTS.md, parsed from its `**Type** v1` blocks:
    member names, required members, value types, enumerations, Id pattern, the provenance
    members synthetic/inferred/noteZh, and the roles allowed to append the type;
  * every referenced id (authorities, documents and 文号, schools, campuses, groups,
    memberships, approvals, staff, secondments, allocations, earmarks, assignments) is
    registered in an earlier batch or in the same batch, and the "Refused when" rules of
    EVENTS.md (no reuse of ids, open/closed memberships, one lead, balances, shares adding up
    exactly, corrections targeting an existing earlier line, each line corrected at most once);
  * an authority on the types the implementation refuses without one (REQUIRES_AUTHORITY:
    EVENTS.md does not state this yet);
  * a PolicyProfileAdopted carries exactly Journal/profiles/<profileId>.json;
  * batch files whose names start with 9 mark every event "synthetic": true, and no other
    batch file contains a synthetic event; batches.tsv times never decrease;
  * every event type of EVENTS.md occurs at least once.
Exit 0 when sound; 1 naming the file, the line and the problem.
"""
import argparse, datetime, json, os, re, sys, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_INT = 2 ** 53 - 1
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
RECORDED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$")
DOC_NUMBER = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+〔\d{4}〕\d{1,6}号$")
TYPE_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
PROVENANCE = {"synthetic", "inferred", "noteZh"}
ENVELOPE_REQUIRED = ["type", "v", "effective", "actor", "data"]
# Types the ledger refuses without an `authority` (a 文号 or an approval). EVENTS.md does not say
# so yet; the rule is the implementation's (`requiresAuthority` in Sources/LedgerCore/Domain/Payloads).
REQUIRES_AUTHORITY = {"PolicyProfileAdopted", "ApprovalDecided", "GroupEstablished", "FundAllocated", "EntryCorrected"}
ENVELOPE_OPTIONAL = ["authority"]


class Problem(Exception):
    def __init__(self, message, where=None):
        super().__init__(message)
        self.where = where


# ----------------------------------------------------------------------------- EVENTS.md
def split_top(text, separator=","):
    parts, depth, current = [], 0, []
    for char in text:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        if char == separator and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    if "".join(current).strip():
        parts.append("".join(current).strip())
    return parts


def parse_member_type(text):
    """A member's type from its EVENTS.md text, e.g. 'Id (authority)', '[Id]', 'Pilot|Regular'."""
    text = text.strip()
    if text.startswith("[{") and text.endswith("}]"):
        return ("objects", parse_members(text[2:-2]))
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text).strip()
    if text.startswith("[") and text.endswith("]"):
        return ("list", parse_member_type(text[1:-1]))
    match = re.match(r"^integer(?:\s*≥\s*(\d+))?$", text)
    if match:
        return ("integer", int(match.group(1)) if match.group(1) else None)
    if "|" in text:
        return ("literal", set(word.strip() for word in text.split("|")))
    return ("named", text)


def parse_members(text):
    members = {}
    for piece in split_top(text):
        match = re.match(r"^(\w+)(\?)?:\s*(.+)$", piece, re.S)
        if not match:
            raise Problem(f"EVENTS.md: cannot read member '{piece}'")
        members[match.group(1)] = {"optional": bool(match.group(2)), "type": parse_member_type(match.group(3))}
    return members


def parse_events(text):
    enums = {}
    start = text.find("## Enumerations")
    end = text.find("\n## ", start + 5)
    for line in text[start:end].splitlines():
        if not line.startswith("- "):
            continue
        for segment in line[2:].split("; "):
            match = re.match(r"^(.+?): (.*)$", segment)
            if not match:
                continue
            names = re.sub(r"\([^()]*\)", "", match.group(1)).strip()
            rest = re.sub(r"\s*\([^()]*\)", "", match.group(2))
            words = set()
            for token in re.findall(r"`([^`]*)`", rest):
                words.update(word.strip() for word in token.split(",") if word.strip())
            for name in names.split("/"):
                enums[name.strip()] = words
    roles_line = re.search(r"## Issuer roles.*?\n(.*?)\n## ", text, re.S)
    all_roles = set(re.findall(r"`([A-Za-z]+)`", roles_line.group(1))) if roles_line else set()
    types = {}
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = re.match(r"^\*\*([A-Z][A-Za-z0-9]*)\*\* v(\d+)(.*)$", line)
        if not match:
            continue
        name, version, rest = match.group(1), int(match.group(2)), match.group(3)
        roles_match = re.search(r"roles (.+)$", rest)
        if not roles_match:
            raise Problem(f"EVENTS.md line {index + 1}: no roles for {name}")
        roles_text = roles_match.group(1).strip()
        if roles_text.startswith("as "):
            roles = ("as", roles_text[3:].strip())
        else:
            roles = set(role.strip() for role in roles_text.split(","))
        member_match = re.match(r"^`([^`]*)`", lines[index + 1].strip())
        if not member_match:
            raise Problem(f"EVENTS.md line {index + 2}: expected the member list of {name}")
        types[name] = {"version": version, "roles": roles, "members": parse_members(member_match.group(1))}
    for name, spec in types.items():
        if isinstance(spec["roles"], tuple):
            spec["roles"] = set(types[spec["roles"][1]]["roles"])
        unknown = spec["roles"] - all_roles if all_roles else set()
        if unknown:
            raise Problem(f"EVENTS.md: {name} names unknown role(s) {sorted(unknown)}")
    if len(types) < 20:
        raise Problem(f"EVENTS.md: only {len(types)} event types found")
    return types, enums


# ----------------------------------------------------------------------------- values
def no_floats(text):
    raise ValueError("floating point is not allowed: " + text)


def valid_partial_date(text):
    if not isinstance(text, str):
        return False
    match = PARTIAL_DATE.match(text)
    if not match:
        return False
    year = int(match.group(1))
    if not 1900 <= year <= 2100:
        return False
    month = int(match.group(2)) if match.group(2) else 1
    day = int(match.group(3)) if match.group(3) else 1
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def utf8_len(text):
    return len(text.encode("utf-8"))


def check_plain_json(value, path, depth=1):
    """NFC strings and keys, integer bounds, depth (the line object is depth 1)."""
    if depth > 16 and isinstance(value, (dict, list)):
        raise Problem(f"{path}: nesting deeper than 16")
    if isinstance(value, dict):
        for key, item in value.items():
            if not unicodedata.is_normalized("NFC", key):
                raise Problem(f"{path}: key {key!r} is not NFC")
            check_plain_json(item, f"{path}.{key}", depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_plain_json(item, f"{path}[{index}]", depth + 1)
    elif isinstance(value, str):
        if not unicodedata.is_normalized("NFC", value):
            raise Problem(f"{path}: text is not NFC")
    elif isinstance(value, bool) or value is None:
        pass
    elif isinstance(value, int):
        if abs(value) > MAX_INT:
            raise Problem(f"{path}: integer {value} exceeds 2^53 − 1")


def check_name_zh(value, path):
    if not isinstance(value, str) or not 1 <= utf8_len(value) <= 200:
        raise Problem(f"{path}: expected a NameZh of 1–200 bytes, found {value!r}")
    if value != value.strip():
        raise Problem(f"{path}: leading or trailing whitespace in {value!r}")
    if re.search(r"\s{2,}", value) or re.search(rf"(?<={HAN.pattern})\s+(?={HAN.pattern})", value):
        raise Problem(f"{path}: padding spaces inside {value!r} (remove them, as for '路  军')")


def check_value(value, spec, path, enums):
    kind = spec[0]
    if kind == "objects":
        if not isinstance(value, list):
            raise Problem(f"{path}: expected a list of objects")
        for index, item in enumerate(value):
            check_members(item, spec[1], f"{path}[{index}]", enums, provenance=False)
        return
    if kind == "list":
        if not isinstance(value, list):
            raise Problem(f"{path}: expected a list, found {value!r}")
        for index, item in enumerate(value):
            check_value(item, spec[1], f"{path}[{index}]", enums)
        return
    if kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            raise Problem(f"{path}: expected an integer, found {value!r}")
        if spec[1] is not None and value < spec[1]:
            raise Problem(f"{path}: expected an integer ≥ {spec[1]}, found {value}")
        return
    if kind == "literal":
        if value not in spec[1]:
            raise Problem(f"{path}: expected one of {', '.join(sorted(spec[1]))}, found {value!r}")
        return
    name = spec[1]
    if name == "Id":
        if not isinstance(value, str) or not ID.match(value):
            raise Problem(f"{path}: {value!r} is not an Id ([a-z0-9][a-z0-9-]{{0,63}})")
    elif name == "NameZh":
        check_name_zh(value, path)
    elif name in ("Text", "string"):
        if not isinstance(value, str) or not 1 <= utf8_len(value) <= 2000:
            raise Problem(f"{path}: expected text of 1–2000 bytes, found {value!r}")
    elif name == "DocNumber":
        if not isinstance(value, str) or not DOC_NUMBER.match(value):
            raise Problem(f"{path}: {value!r} is not a normalised 文号 like 邵教发〔2023〕50号 (no whitespace, 〔〕 brackets)")
    elif name == "PartialDate":
        if not valid_partial_date(value):
            raise Problem(f"{path}: {value!r} is not a PartialDate (YYYY, YYYY-MM or YYYY-MM-DD, a real date, 1900–2100)")
    elif name == "Fen":
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_INT:
            raise Problem(f"{path}: expected a positive integer number of fen, found {value!r}")
    elif name == "Year":
        if not isinstance(value, int) or isinstance(value, bool) or not 1900 <= value <= 2100:
            raise Problem(f"{path}: expected a year 1900–2100, found {value!r}")
    elif name == "bool":
        if not isinstance(value, bool):
            raise Problem(f"{path}: expected true or false, found {value!r}")
    elif name == "object":
        if not isinstance(value, dict):
            raise Problem(f"{path}: expected an object")
    elif name in enums:
        if value not in enums[name]:
            raise Problem(f"{path}: {value!r} is not a {name} ({', '.join(sorted(enums[name]))})")
    else:
        raise Problem(f"{path}: EVENTS.md type '{name}' is not understood by this checker")


def check_members(data, members, path, enums, provenance=True):
    if not isinstance(data, dict):
        raise Problem(f"{path}: expected an object")
    allowed = set(members) | (PROVENANCE if provenance else set())
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise Problem(f"{path}: unknown member(s) {unknown} (allowed: {', '.join(sorted(allowed))})")
    for name, member in members.items():
        if name not in data:
            if not member["optional"]:
                raise Problem(f"{path}: missing member '{name}'")
            continue
        check_value(data[name], member["type"], f"{path}.{name}", enums)
    if provenance:
        if "synthetic" in data and data["synthetic"] is not True:
            raise Problem(f"{path}.synthetic: must be true when present")
        if "inferred" in data:
            inferred = data["inferred"]
            if not isinstance(inferred, list) or not inferred:
                raise Problem(f"{path}.inferred: expected a non-empty list of member names")
            for item in inferred:
                if item not in members or item not in data:
                    raise Problem(f"{path}.inferred: '{item}' is not a member present in this payload")
        if "noteZh" in data:
            check_value(data["noteZh"], ("named", "Text"), f"{path}.noteZh", enums)


def check_identifier(value, path, max_bytes=128):
    if not isinstance(value, str) or not 1 <= utf8_len(value) <= max_bytes:
        raise Problem(f"{path}: expected 1–{max_bytes} bytes, found {value!r}")
    if value != value.strip() or any(ord(c) < 0x20 or ord(c) == 0x7f for c in value):
        raise Problem(f"{path}: control characters or surrounding whitespace in {value!r}")


# ----------------------------------------------------------------------------- ledger state
class Ledger:
    def __init__(self, types, enums, profiles_dir):
        self.types, self.enums, self.profiles_dir = types, enums, profiles_dir
        self.authorities, self.schools, self.campuses, self.documents = {}, {}, {}, {}
        self.doc_numbers, self.approvals, self.groups, self.memberships = {}, {}, {}, {}
        self.staff, self.secondments, self.allocations, self.earmarks = {}, {}, {}, {}
        self.expenditures, self.cost_shares, self.assignments = set(), set(), {}
        self.activities, self.assessments, self.profiles = set(), set(), {}
        self.events = []          # (type, data, synthetic) by seq - 1
        self.corrected = {}       # target seq -> seq of its correction
        self.type_counts = {}
        self.pending = {}         # ids defined anywhere in the current batch, by registry

    # Which member of which type defines an id, by registry.
    DEFINES = {
        "AuthorityRegistered": ("authorities", "authorityId"), "PolicyDocumentRegistered": ("documents", "documentId"),
        "SchoolRegistered": ("schools", "schoolId"), "CampusRegistered": ("campuses", "campusId"),
        "ApprovalRequested": ("approvals", "approvalId"), "GroupProposed": ("groups", "groupId"),
        "GroupEstablished": ("groups", "groupId"), "SchoolJoinedGroup": ("memberships", "membershipId"),
        "StaffRegistered": ("staff", "staffId"), "SecondmentStarted": ("secondments", "secondmentId"),
        "FundAllocated": ("allocations", "allocationId"), "FundEarmarked": ("earmarks", "earmarkId"),
        "GroupRoleAssigned": ("assignments", "assignmentId"),
    }

    def begin_batch(self, events):
        self.pending = {}
        for event in events:
            spec = self.DEFINES.get(event.get("type"))
            data = event.get("data")
            if spec and isinstance(data, dict) and isinstance(data.get(spec[1]), str):
                self.pending.setdefault(spec[0], set()).add(data[spec[1]])
            if event.get("type") == "PolicyDocumentRegistered" and isinstance(data, dict) and isinstance(data.get("docNumber"), str):
                self.pending.setdefault("docNumbers", set()).add(data["docNumber"])

    def known(self, registry, value):
        return value in getattr(self, registry) or value in self.pending.get(registry, set())

    def need(self, registry, value, path, label):
        if value is not None and not self.known(registry, value):
            raise Problem(f"{path}: {label} '{value}' is not registered in an earlier or the same batch")

    def need_applied(self, registry, value, path, label):
        self.need(registry, value, path, label)
        if value not in getattr(self, registry):
            raise Problem(f"{path}: {label} '{value}' is registered only later in this batch; it must come first")
        return getattr(self, registry)[value]

    # ------------------------------------------------------------------ one event
    def apply(self, event, synthetic_file):
        if not isinstance(event, dict):
            raise Problem("a line must be a JSON object")
        keys = set(event)
        for key in ENVELOPE_REQUIRED:
            if key not in event:
                raise Problem(f"missing envelope key '{key}'")
        unknown = sorted(keys - set(ENVELOPE_REQUIRED) - set(ENVELOPE_OPTIONAL))
        if unknown:
            raise Problem(f"unknown envelope key(s) {unknown} (append input has only type, v, effective, actor, authority?, data)")
        type_ = event["type"]
        if not isinstance(type_, str) or not TYPE_NAME.match(type_) or utf8_len(type_) > 64:
            raise Problem(f"type {type_!r} is not [A-Z][A-Za-z0-9]* of at most 64 bytes")
        if type_ not in self.types:
            raise Problem(f"type '{type_}' is not in EVENTS.md")
        spec = self.types[type_]
        if event["v"] != spec["version"] or isinstance(event["v"], bool):
            raise Problem(f"v {event['v']!r}: EVENTS.md defines {type_} v{spec['version']}")
        if not valid_partial_date(event["effective"]):
            raise Problem(f"effective {event['effective']!r} is not YYYY, YYYY-MM or YYYY-MM-DD (a real date, 1900–2100)")

        actor = event["actor"]
        if not isinstance(actor, dict) or "id" not in actor or "role" not in actor:
            raise Problem("actor must be {id, role, onBehalfOf?}")
        unknown = sorted(set(actor) - {"id", "role", "onBehalfOf"})
        if unknown:
            raise Problem(f"actor: unknown key(s) {unknown}")
        for key, value in actor.items():
            check_identifier(value, f"actor.{key}")
        if actor["role"] not in spec["roles"]:
            raise Problem(f"actor.role '{actor['role']}' may not append {type_} (EVENTS.md allows {', '.join(sorted(spec['roles']))})")
        if "onBehalfOf" in actor and not (self.known("authorities", actor["onBehalfOf"]) or self.known("schools", actor["onBehalfOf"])):
            raise Problem(f"actor.onBehalfOf '{actor['onBehalfOf']}' is neither a registered authority nor a registered school")

        data = event["data"]
        check_members(data, spec["members"], f"data ({type_})", self.enums)

        if type_ in REQUIRES_AUTHORITY and "authority" not in event:
            raise Problem(f"{type_} must carry an authority (the 文号 or approval it rests on)")
        if "authority" in event:
            authority = event["authority"]
            if not isinstance(authority, dict) or not authority:
                raise Problem("authority must be an object; leave it out when the event rests on nothing")
            unknown = sorted(set(authority) - {"document", "approval", "clause"})
            if unknown:
                raise Problem(f"authority: unknown key(s) {unknown}")
            if "document" not in authority and "approval" not in authority:
                raise Problem("authority needs at least one of document and approval")
            for key, value in authority.items():
                check_identifier(value, f"authority.{key}", 128 if key == "approval" else 512)
            if "document" in authority:
                document = authority["document"]
                if DOC_NUMBER.match(document):
                    if not self.known("doc_numbers", document) and document not in self.pending.get("docNumbers", set()):
                        raise Problem(f"authority.document '{document}' is not the 文号 of a document registered in an earlier or the same batch")
                elif self.known("documents", document):
                    number = self.documents.get(document, {}).get("docNumber")
                    if number:
                        raise Problem(f"authority.document '{document}': this document has a 文号, cite '{number}'")
                else:
                    raise Problem(f"authority.document '{document}' is neither a registered 文号 nor the id of a registered document without one")
            if "approval" in authority:
                self.need("approvals", authority["approval"], "authority.approval", "approval")

        is_synthetic = data.get("synthetic") is True
        if synthetic_file and not is_synthetic:
            raise Problem('a synthetic batch (file name starting with 9) must mark every event "synthetic": true')
        if not synthetic_file and is_synthetic:
            raise Problem("a synthetic event in a documented batch; put it in a batch file whose name starts with 9")

        getattr(self, "on_" + type_)(data, f"data ({type_})", event, is_synthetic)
        self.events.append((type_, data, is_synthetic))
        self.type_counts[type_] = self.type_counts.get(type_, 0) + 1

    # ------------------------------------------------------------------ reference data
    def fresh(self, registry, value, path, label):
        if value in getattr(self, registry):
            raise Problem(f"{path}: {label} '{value}' is already registered")

    def on_AuthorityRegistered(self, d, p, e, s):
        self.fresh("authorities", d["authorityId"], p, "authority")
        self.need("authorities", d.get("parentAuthorityId"), p + ".parentAuthorityId", "authority")
        self.authorities[d["authorityId"]] = d

    def on_PolicyDocumentRegistered(self, d, p, e, s):
        self.fresh("documents", d["documentId"], p, "document")
        if "docNumber" in d:
            if d["docNumber"] in self.doc_numbers:
                raise Problem(f"{p}.docNumber: 文号 '{d['docNumber']}' is already registered")
            printed = d.get("docNumberAsPrinted", d["docNumber"])
            if re.sub(r"\s+", "", printed) != d["docNumber"]:
                raise Problem(f"{p}.docNumberAsPrinted: '{printed}' does not normalise to '{d['docNumber']}'")
            self.doc_numbers[d["docNumber"]] = d["documentId"]
        elif "docNumberAsPrinted" in d:
            raise Problem(f"{p}: docNumberAsPrinted without docNumber")
        self.need("authorities", d.get("issuerAuthorityId"), p + ".issuerAuthorityId", "authority")
        self.documents[d["documentId"]] = d

    def on_SchoolRegistered(self, d, p, e, s):
        self.fresh("schools", d["schoolId"], p, "school")
        self.need("authorities", d["administeredBy"], p + ".administeredBy", "authority")
        self.need("schools", d.get("centralSchoolId"), p + ".centralSchoolId", "school")
        self.schools[d["schoolId"]] = {"nameZh": d["nameZh"], "closed": False}

    def on_CampusRegistered(self, d, p, e, s):
        self.fresh("campuses", d["campusId"], p, "campus")
        self.need_applied("schools", d["schoolId"], p + ".schoolId", "school")
        self.campuses[d["campusId"]] = d["schoolId"]

    def open_school(self, school_id, path):
        school = self.need_applied("schools", school_id, path, "school")
        if school["closed"]:
            raise Problem(f"{path}: school '{school_id}' is closed")
        return school

    def on_SchoolRenamed(self, d, p, e, s):
        self.open_school(d["schoolId"], p + ".schoolId")["nameZh"] = d["nameZh"]

    def on_SchoolClosed(self, d, p, e, s):
        school = self.open_school(d["schoolId"], p + ".schoolId")
        if d.get("mergedIntoSchoolId") is not None:
            self.open_school(d["mergedIntoSchoolId"], p + ".mergedIntoSchoolId")
            if d["mergedIntoSchoolId"] == d["schoolId"]:
                raise Problem(f"{p}: a school cannot be merged into itself")
        for membership_id, membership in self.memberships.items():
            if membership["schoolId"] == d["schoolId"] and membership["open"]:
                raise Problem(f"{p}: school '{d['schoolId']}' still has the open membership '{membership_id}'")
        school["closed"] = True

    def on_HeadcountRecorded(self, d, p, e, s):
        self.need("schools", d["schoolId"], p + ".schoolId", "school")
        if d.get("backboneTeachers", 0) > d["teachers"]:
            raise Problem(f"{p}: more backbone teachers than teachers")

    # ------------------------------------------------------------------ policy
    def on_PolicyProfileAdopted(self, d, p, e, s):
        for index, document_id in enumerate(d["sourceDocumentIds"]):
            self.need("documents", document_id, f"{p}.sourceDocumentIds[{index}]", "document")
        previous = self.profiles.get(d["profileId"], 0)
        if d["version"] != previous + 1:
            raise Problem(f"{p}.version: expected {previous + 1} for profile '{d['profileId']}', found {d['version']}")
        profile = d["profile"]
        if profile.get("profileId") != d["profileId"] or profile.get("version") != d["version"]:
            raise Problem(f"{p}.profile: profileId/version differ from the event's")
        if profile.get("jurisdiction", {}).get("id") != d["jurisdictionId"]:
            raise Problem(f"{p}.profile: jurisdiction.id differs from jurisdictionId")
        if [source.get("documentId") for source in profile.get("sources", [])] != d["sourceDocumentIds"]:
            raise Problem(f"{p}: sourceDocumentIds differ from the profile's sources")
        start = profile.get("effective", {}).get("start")
        if start is not None and start != d["effectiveFrom"]:
            raise Problem(f"{p}.effectiveFrom: '{d['effectiveFrom']}' differs from profile.effective.start '{start}'")
        if start is None and "effectiveFrom" not in d.get("inferred", []):
            raise Problem(f"{p}.effectiveFrom: the profile has no effective.start, so effectiveFrom must be listed as inferred")
        path = os.path.join(self.profiles_dir, d["profileId"] + ".json")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                on_disk = json.load(f, parse_float=no_floats)
            if on_disk != profile:
                raise Problem(f"{p}.profile: differs from {os.path.relpath(path, ROOT)}")
        else:
            raise Problem(f"{p}: no profile file {path}")
        self.profiles[d["profileId"]] = d["version"]

    # ------------------------------------------------------------------ decisions
    def on_ApprovalRequested(self, d, p, e, s):
        self.fresh("approvals", d["approvalId"], p, "approval")
        self.need("authorities", d["addressedTo"], p + ".addressedTo", "authority")
        if not (self.known("authorities", d["requestedBy"]) or self.known("schools", d["requestedBy"])):
            raise Problem(f"{p}.requestedBy: '{d['requestedBy']}' is neither a registered authority nor a registered school")
        self.need("groups", d.get("groupId"), p + ".groupId", "group")
        self.need("schools", d.get("schoolId"), p + ".schoolId", "school")
        self.need("staff", d.get("staffId"), p + ".staffId", "staff member")
        if d["action"] == "PolicyException" and "ruleId" not in d:
            raise Problem(f"{p}: a PolicyException names the ruleId")
        self.approvals[d["approvalId"]] = {"action": d["action"], "decision": None, "addressedTo": d["addressedTo"]}

    def on_ApprovalDecided(self, d, p, e, s):
        approval = self.need_applied("approvals", d["approvalId"], p + ".approvalId", "approval")
        if approval["decision"] is not None:
            raise Problem(f"{p}: approval '{d['approvalId']}' is already decided ({approval['decision']})")
        self.need("authorities", d["decidedBy"], p + ".decidedBy", "authority")
        self.need("documents", d.get("documentId"), p + ".documentId", "document")
        approval["decision"] = d["decision"]

    # ------------------------------------------------------------------ groups
    def on_GroupProposed(self, d, p, e, s):
        if d["groupId"] in self.groups:
            raise Problem(f"{p}: group id '{d['groupId']}' is already used")
        schools = ([d["proposedLeadSchoolId"]] if "proposedLeadSchoolId" in d else []) + d["proposedMemberSchoolIds"]
        if len(set(schools)) != len(schools):
            raise Problem(f"{p}: a school is proposed twice (or as both lead and member)")
        for index, school_id in enumerate(schools):
            self.need("schools", school_id, f"{p}.schools[{index}]", "school")
        self.need("documents", d.get("documentId"), p + ".documentId", "document")
        if "plannedFrom" in d and "plannedUntil" in d and d["plannedUntil"] < d["plannedFrom"]:
            raise Problem(f"{p}: plannedUntil is before plannedFrom")
        self.groups[d["groupId"]] = {"status": "Proposed", "type": d["type"], "established": False}

    def on_GroupEstablished(self, d, p, e, s):
        group = self.groups.get(d["groupId"])
        if group and group["established"]:
            raise Problem(f"{p}: group '{d['groupId']}' is already established")
        if group and group["status"] == "Withdrawn":
            raise Problem(f"{p}: group '{d['groupId']}' was withdrawn")
        if group and group["type"] != d["type"]:
            raise Problem(f"{p}: type {d['type']} differs from the proposal's {group['type']}")
        if "parentGroupId" in d:
            self.need_applied("groups", d["parentGroupId"], p + ".parentGroupId", "group")
        if "approvalId" in d:
            self.need("approvals", d["approvalId"], p + ".approvalId", "approval")
        self.groups[d["groupId"]] = {"status": d["status"], "type": d["type"], "established": True}

    def open_memberships(self, group_id):
        return {k: m for k, m in self.memberships.items() if m["groupId"] == group_id and m["open"]}

    def on_GroupStatusChanged(self, d, p, e, s):
        group = self.need_applied("groups", d["groupId"], p + ".groupId", "group")
        if d["status"] == group["status"]:
            raise Problem(f"{p}: status is already {group['status']}")
        if d["status"] == "Withdrawn" and group["established"]:
            raise Problem(f"{p}: only a proposal is withdrawn; '{d['groupId']}' is established")
        if d["status"] == "Proposed":
            raise Problem(f"{p}: a group cannot go back to Proposed")
        if d["status"] == "Dissolved" and self.open_memberships(d["groupId"]):
            raise Problem(f"{p}: group '{d['groupId']}' still has open memberships")
        group["status"] = d["status"]

    def on_SchoolJoinedGroup(self, d, p, e, s):
        if d["membershipId"] in self.memberships:
            raise Problem(f"{p}: membership id '{d['membershipId']}' is already used")
        group = self.need_applied("groups", d["groupId"], p + ".groupId", "group")
        if not group["established"] or group["status"] == "Dissolved":
            raise Problem(f"{p}: group '{d['groupId']}' is not established or is dissolved")
        self.open_school(d["schoolId"], p + ".schoolId")
        if "campusId" in d:
            owner = self.need_applied("campuses", d["campusId"], p + ".campusId", "campus")
            if owner != d["schoolId"]:
                raise Problem(f"{p}.campusId: campus '{d['campusId']}' belongs to '{owner}', not '{d['schoolId']}'")
        if "approvalId" in d:
            self.need("approvals", d["approvalId"], p + ".approvalId", "approval")
        for key, membership in self.open_memberships(d["groupId"]).items():
            if membership["schoolId"] == d["schoolId"]:
                raise Problem(f"{p}: school '{d['schoolId']}' already has the open membership '{key}' in this group")
            if d["role"] == "Lead" and membership["role"] == "Lead":
                raise Problem(f"{p}: group '{d['groupId']}' already has an open Lead ('{key}')")
        self.memberships[d["membershipId"]] = {"groupId": d["groupId"], "schoolId": d["schoolId"], "role": d["role"], "open": True}

    def on_SchoolExitedGroup(self, d, p, e, s):
        membership = self.need_applied("memberships", d["membershipId"], p + ".membershipId", "membership")
        if not membership["open"]:
            raise Problem(f"{p}: membership '{d['membershipId']}' is already closed")
        if "approvalId" in d:
            self.need("approvals", d["approvalId"], p + ".approvalId", "approval")
        if membership["role"] == "Lead" and len(self.open_memberships(membership["groupId"])) > 1:
            raise Problem(f"{p}: the lead cannot exit while other memberships are open (change the lead first)")
        membership["open"] = False

    def on_GroupLeadChanged(self, d, p, e, s):
        self.need_applied("groups", d["groupId"], p + ".groupId", "group")
        self.need("schools", d["schoolId"], p + ".schoolId", "school")
        memberships = self.open_memberships(d["groupId"])
        target = [m for m in memberships.values() if m["schoolId"] == d["schoolId"]]
        if not target:
            raise Problem(f"{p}: school '{d['schoolId']}' has no open membership in '{d['groupId']}'")
        if target[0]["role"] == "Lead":
            raise Problem(f"{p}: school '{d['schoolId']}' is already the lead")
        for membership in memberships.values():
            if membership["role"] == "Lead":
                membership["role"] = "Member"
        target[0]["role"] = "Lead"

    # ------------------------------------------------------------------ people
    def on_StaffRegistered(self, d, p, e, s):
        self.fresh("staff", d["staffId"], p, "staff member")
        self.need("schools", d["homeSchoolId"], p + ".homeSchoolId", "school")
        self.staff[d["staffId"]] = {"erased": False}

    def on_StaffCredentialRecorded(self, d, p, e, s):
        self.need("staff", d["staffId"], p + ".staffId", "staff member")

    def on_SecondmentStarted(self, d, p, e, s):
        self.fresh("secondments", d["secondmentId"], p, "secondment")
        self.need_applied("staff", d["staffId"], p + ".staffId", "staff member")
        if ("toSchoolId" in d) == ("toExternalHostZh" in d):
            raise Problem(f"{p}: exactly one of toSchoolId and toExternalHostZh")
        self.open_school(d["fromSchoolId"], p + ".fromSchoolId")
        if "toSchoolId" in d:
            self.open_school(d["toSchoolId"], p + ".toSchoolId")
            if d["toSchoolId"] == d["fromSchoolId"]:
                raise Problem(f"{p}: the destination equals the origin")
        self.need("groups", d.get("groupId"), p + ".groupId", "group")
        for key, secondment in self.secondments.items():
            if secondment["staffId"] == d["staffId"] and secondment["open"]:
                raise Problem(f"{p}: staff member '{d['staffId']}' already has the open secondment '{key}'")
        self.secondments[d["secondmentId"]] = {"staffId": d["staffId"], "open": True}

    def on_SecondmentEnded(self, d, p, e, s):
        secondment = self.need_applied("secondments", d["secondmentId"], p + ".secondmentId", "secondment")
        if not secondment["open"]:
            raise Problem(f"{p}: secondment '{d['secondmentId']}' has already ended")
        if d["outcome"] == "Extended":
            if "newPlannedEnd" not in d:
                raise Problem(f"{p}: outcome Extended requires newPlannedEnd")
        else:
            if "newPlannedEnd" in d:
                raise Problem(f"{p}: newPlannedEnd only goes with outcome Extended")
            secondment["open"] = False

    # ------------------------------------------------------------------ money
    def on_FundAllocated(self, d, p, e, s):
        self.fresh("allocations", d["allocationId"], p, "allocation")
        self.need("authorities", d["fromAuthorityId"], p + ".fromAuthorityId", "authority")
        self.open_school(d["toSchoolId"], p + ".toSchoolId")
        if "toCampusId" in d:
            owner = self.need_applied("campuses", d["toCampusId"], p + ".toCampusId", "campus")
            if owner != d["toSchoolId"]:
                raise Problem(f"{p}.toCampusId: campus belongs to '{owner}'")
        self.need("groups", d.get("groupId"), p + ".groupId", "group")
        self.need("documents", d.get("documentId"), p + ".documentId", "document")
        self.allocations[d["allocationId"]] = {"amount": d["amountFen"], "earmarked": 0, "spent": 0}

    def on_FundEarmarked(self, d, p, e, s):
        self.fresh("earmarks", d["earmarkId"], p, "earmark")
        allocation = self.need_applied("allocations", d["allocationId"], p + ".allocationId", "allocation")
        if allocation["earmarked"] + allocation["spent"] + d["amountFen"] > allocation["amount"]:
            raise Problem(f"{p}: earmarks would exceed the allocation's {allocation['amount']} fen")
        self.need("schools", d.get("beneficiarySchoolId"), p + ".beneficiarySchoolId", "school")
        if "beneficiaryCampusId" in d:
            owner = self.need_applied("campuses", d["beneficiaryCampusId"], p + ".beneficiaryCampusId", "campus")
            if "beneficiarySchoolId" in d and owner != d["beneficiarySchoolId"]:
                raise Problem(f"{p}.beneficiaryCampusId: campus belongs to '{owner}'")
        allocation["earmarked"] += d["amountFen"]
        self.earmarks[d["earmarkId"]] = {"amount": d["amountFen"], "spent": 0}

    def on_ExpenditureRecorded(self, d, p, e, s):
        if d["expenditureId"] in self.expenditures:
            raise Problem(f"{p}: expenditure id '{d['expenditureId']}' is already used")
        self.open_school(d["payerSchoolId"], p + ".payerSchoolId")
        self.need("schools", d.get("payeeSchoolId"), p + ".payeeSchoolId", "school")
        if "allocationId" in d and "earmarkId" in d:
            raise Problem(f"{p}: at most one of allocationId and earmarkId")
        if "allocationId" in d:
            allocation = self.need_applied("allocations", d["allocationId"], p + ".allocationId", "allocation")
            balance = allocation["amount"] - allocation["earmarked"] - allocation["spent"]
            if d["amountFen"] > balance:
                raise Problem(f"{p}: the allocation holds {balance} fen (earmarks excluded), not {d['amountFen']}")
            allocation["spent"] += d["amountFen"]
        if "earmarkId" in d:
            earmark = self.need_applied("earmarks", d["earmarkId"], p + ".earmarkId", "earmark")
            if d["amountFen"] > earmark["amount"] - earmark["spent"]:
                raise Problem(f"{p}: the earmark holds {earmark['amount'] - earmark['spent']} fen, not {d['amountFen']}")
            earmark["spent"] += d["amountFen"]
        self.expenditures.add(d["expenditureId"])

    def on_CostShareApportioned(self, d, p, e, s):
        if d["costShareId"] in self.cost_shares:
            raise Problem(f"{p}: cost share id '{d['costShareId']}' is already used")
        self.need("groups", d["groupId"], p + ".groupId", "group")
        self.need("schools", d["disbursingSchoolId"], p + ".disbursingSchoolId", "school")
        seen = set()
        for index, share in enumerate(d["shares"]):
            self.need("schools", share["schoolId"], f"{p}.shares[{index}].schoolId", "school")
            if share["schoolId"] in seen:
                raise Problem(f"{p}.shares[{index}]: school '{share['schoolId']}' appears twice")
            seen.add(share["schoolId"])
        total = sum(share["amountFen"] for share in d["shares"])
        if total != d["totalFen"]:
            raise Problem(f"{p}: the shares add up to {total} fen, not totalFen {d['totalFen']}")
        self.cost_shares.add(d["costShareId"])

    # ------------------------------------------------------------------ governance, activity
    def on_GroupRoleAssigned(self, d, p, e, s):
        self.fresh("assignments", d["assignmentId"], p, "assignment")
        self.need("groups", d["groupId"], p + ".groupId", "group")
        self.need("staff", d["staffId"], p + ".staffId", "staff member")
        self.assignments[d["assignmentId"]] = {"open": True}

    def on_GroupRoleEnded(self, d, p, e, s):
        assignment = self.need_applied("assignments", d["assignmentId"], p + ".assignmentId", "assignment")
        if not assignment["open"]:
            raise Problem(f"{p}: assignment '{d['assignmentId']}' has already ended")
        assignment["open"] = False

    def on_GroupActivityHeld(self, d, p, e, s):
        if d["activityId"] in self.activities:
            raise Problem(f"{p}: activity id '{d['activityId']}' is already used")
        group = self.need_applied("groups", d["groupId"], p + ".groupId", "group")
        if not group["established"]:
            raise Problem(f"{p}: group '{d['groupId']}' is not established")
        self.need("schools", d["hostSchoolId"], p + ".hostSchoolId", "school")
        for index, school_id in enumerate(d.get("participantSchoolIds", [])):
            self.need("schools", school_id, f"{p}.participantSchoolIds[{index}]", "school")
        self.activities.add(d["activityId"])

    def on_GroupAssessed(self, d, p, e, s):
        if d["assessmentId"] in self.assessments:
            raise Problem(f"{p}: assessment id '{d['assessmentId']}' is already used")
        self.need("groups", d["groupId"], p + ".groupId", "group")
        for index, authority_id in enumerate(d["assessedBy"]):
            self.need("authorities", authority_id, f"{p}.assessedBy[{index}]", "authority")
        self.assessments.add(d["assessmentId"])

    # ------------------------------------------------------------------ corrections, personal data
    def on_EntryCorrected(self, d, p, e, s):
        target = d["targetSeq"]
        if not 1 <= target <= len(self.events):
            raise Problem(f"{p}.targetSeq: {target} is not the seq of an earlier line (1–{len(self.events)})")
        target_type, target_data, target_synthetic = self.events[target - 1]
        if target_type == "EntryCorrected":
            raise Problem(f"{p}.targetSeq: seq {target} is itself a correction")
        if target in self.corrected:
            raise Problem(f"{p}.targetSeq: seq {target} was already corrected by seq {self.corrected[target]}; correct it once")
        if s and not target_synthetic:
            raise Problem(f"{p}: a synthetic correction may only target a synthetic event (seq {target} is documented)")
        if d["mode"] == "Supersede":
            if "replacement" not in d:
                raise Problem(f"{p}: mode Supersede needs a replacement")
            check_members(d["replacement"], self.types[target_type]["members"], f"{p}.replacement ({target_type})", self.enums)
            if target_synthetic and d["replacement"].get("synthetic") is not True:
                raise Problem(f"{p}.replacement: replaces a synthetic payload, so it must stay synthetic")
        else:
            if "replacement" in d:
                raise Problem(f"{p}: mode Void takes no replacement")
        self.corrected[target] = len(self.events) + 1

    def on_PersonalDataErased(self, d, p, e, s):
        staff = self.need_applied("staff", d["subjectId"], p + ".subjectId", "staff member")
        if staff["erased"]:
            raise Problem(f"{p}: '{d['subjectId']}' is already erased")
        staff["erased"] = True


# ----------------------------------------------------------------------------- files
def read_batches(source_dir):
    path = os.path.join(source_dir, "batches.tsv")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    if text.endswith("\n"):
        lines = lines[:-1]
    if not lines or not lines[0].startswith("#"):
        raise Problem("the first line must be a header comment starting with #", ("batches.tsv", 1))
    batches, previous, names = [], None, set()
    for number, line in enumerate(lines, 1):
        if line.startswith("#") or line == "":
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise Problem("expected '<recorded time>\\t<file name>'", ("batches.tsv", number))
        recorded, name = parts
        match = RECORDED.match(recorded)
        if not match:
            raise Problem(f"recorded time {recorded!r} is not YYYY-MM-DDTHH:MM:SSZ", ("batches.tsv", number))
        try:
            moment = datetime.datetime(*(int(g) for g in match.groups()))
        except ValueError:
            raise Problem(f"recorded time {recorded!r} is not a real time", ("batches.tsv", number))
        if not 2000 <= moment.year <= 2199:
            raise Problem("recorded years are 2000–2199", ("batches.tsv", number))
        if previous and moment < previous:
            raise Problem(f"recorded time {recorded} is earlier than the previous line's", ("batches.tsv", number))
        previous = moment
        if name in names:
            raise Problem(f"'{name}' is listed twice", ("batches.tsv", number))
        if "/" in name or not name.endswith(".jsonl"):
            raise Problem(f"'{name}' must be a .jsonl file in the source directory", ("batches.tsv", number))
        if not os.path.isfile(os.path.join(source_dir, name)):
            raise Problem(f"no such file '{name}'", ("batches.tsv", number))
        names.add(name)
        batches.append((recorded, name))
    unlisted = sorted(n for n in os.listdir(source_dir) if n.endswith(".jsonl") and n not in names)
    if unlisted:
        raise Problem(f"batch file(s) not listed: {unlisted}", ("batches.tsv", len(lines)))
    if not batches:
        raise Problem("no batches listed", ("batches.tsv", 1))
    return batches


def read_batch_file(path, name):
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise Problem("starts with a byte order mark", (name, 1))
    if not raw.endswith(b"\n"):
        raise Problem("the last line has no newline", (name, raw.count(b"\n") + 1))
    if b"\r" in raw:
        raise Problem("contains a carriage return", (name, raw[:raw.index(b"\r")].count(b"\n") + 1))
    events = []
    for number, line in enumerate(raw[:-1].split(b"\n"), 1):
        if not line.strip():
            raise Problem("blank line", (name, number))
        if len(line) > 1024 * 1024:
            raise Problem("line longer than 1 MiB", (name, number))
        try:
            text = line.decode("utf-8")
            event = json.loads(text, parse_float=no_floats, parse_constant=no_floats)
        except (UnicodeDecodeError, ValueError) as error:
            raise Problem(f"not valid JSON: {error}", (name, number))
        try:
            check_plain_json(event, "line")
        except Problem as problem:
            raise Problem(str(problem), (name, number))
        canonical = json.dumps(event, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        if len(canonical) + 260 > 262144:
            raise Problem("the stored line would exceed 262,144 bytes", (name, number))
        events.append((number, event))
    if not events:
        raise Problem("empty batch", (name, 1))
    if len(events) > 10000:
        raise Problem("more than 10,000 events in one batch", (name, 1))
    return events


def main():
    parser = argparse.ArgumentParser(description="Check Journal/source/ (batches.tsv and its batch files).")
    parser.add_argument("--source", default=os.path.join(ROOT, "Journal", "source"))
    parser.add_argument("--events", default=os.path.join(ROOT, "Journal", "EVENTS.md"))
    parser.add_argument("--profiles", default=os.path.join(ROOT, "Journal", "profiles"))
    args = parser.parse_args()
    where = None
    batches = []
    try:
        with open(args.events, encoding="utf-8") as f:
            types, enums = parse_events(f.read())
        ledger = Ledger(types, enums, args.profiles)
        summary = {}
        batches = read_batches(args.source)
        for recorded, name in batches:
            events = read_batch_file(os.path.join(args.source, name), name)
            synthetic_file = name.startswith("9")
            ledger.begin_batch([event for _, event in events])
            jurisdiction = name.split("-")[1] if "-" in name else "?"
            for number, event in events:
                where = (name, number)
                ledger.apply(event, synthetic_file)
                key = (jurisdiction, "synthetic" if synthetic_file else "documented")
                summary[key] = summary.get(key, 0) + 1
            where = None
        # YearSealed records the digest of the journal just before it, so it is appended by
        # `groupledger seal` on a live journal, not written into the source batches.
        not_in_sample = {"YearSealed"}
        missing = sorted(set(types) - set(ledger.type_counts) - not_in_sample)
        if missing:
            raise Problem(f"event type(s) of EVENTS.md never used: {', '.join(missing)}")
    except Problem as problem:
        location = problem.where or where
        prefix = f"{location[0]} line {location[1]}: " if location else ""
        print(f"check_journal_source: {prefix}{problem}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"check_journal_source: {error}", file=sys.stderr)
        return 1
    total = sum(summary.values())
    parts = []
    for jurisdiction in sorted({j for j, _ in summary}):
        documented = summary.get((jurisdiction, "documented"), 0)
        synthetic = summary.get((jurisdiction, "synthetic"), 0)
        parts.append(f"{jurisdiction} {documented} documented + {synthetic} synthetic")
    print(f"check_journal_source: ok: {total} events in {len(batches)} batches, "
          f"{len(set(ledger.type_counts))} of {len(types)} event types used (not in the sample: YearSealed); " + "; ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
