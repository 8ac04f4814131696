#!/usr/bin/env python3
"""Checks the policy profiles in Journal/profiles/ against DOMAIN.md and the seed documents.

Usage: Tools/check_profiles.py [--domain PATH] [--seeds DIR] [--events PATH] [--profiles DIR]

Defaults: DOMAIN.md and seeds/ from $GROUPLEDGER_SHARED (else /work/shared), EVENTS.md and
profiles/ from the repository's Journal/. Python 3 standard library only.

Checks, per profile (zh, bs, xp, sy, zy):
  * the keys of DOMAIN.md §6.2 in camelCase, with nothing unknown;
  * every rule id of DOMAIN.md §2 for the jurisdiction is covered (exactly, or with a one-letter
    suffix a/b/c …), and every rule id is one of them;
  * every quoteZh occurs verbatim in DOMAIN.md, or in the rule's seed file once all whitespace
    (line breaks, spaces) is removed from both;
  * kinds, severities and the enumeration words taken from EVENTS.md are from the allowed sets;
  * no number anywhere is a float; ratios are {num, den} integers; money is integer fen.
Exit 0 when sound; 1 naming the first problem.
"""
import argparse, json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("GROUPLEDGER_SHARED", "/work/shared")

JURISDICTIONS = {"zh": "ZH", "bs": "BS", "xp": "XP", "sy": "SY", "zy": "ZY"}
KINDS = {
    "groupSize", "groupCountTarget", "coverageTarget", "approvalRequired", "filingRequired", "exitPolicy",
    "ratioMin", "tenureTrigger", "dispatchQuota", "secondmentDuration", "secondmentRetention", "experienceCredit",
    "activityMin", "fundMinPerUnit", "fundReserveRatio", "expenditureRule", "costSharing", "governanceSeats",
    "appointmentAuthority", "charterDrafter", "assessmentCadence", "quotaAdjustment", "planPhases", "descriptive",
}
# Parameters each kind cannot do without (a list of alternatives means: at least one of them).
REQUIRED_PARAMS = {
    "groupSize": [["min", "max"]], "groupCountTarget": ["minGroups"], "coverageTarget": ["by", "ratio", "groupType"],
    "approvalRequired": ["action", "authority"], "filingRequired": ["artifact"],
    "exitPolicy": [["minMembershipYears", "maxMembershipYears", "allowedReasons", "consent"]],
    "ratioMin": ["metric", "period", "min"], "tenureTrigger": ["years"], "dispatchQuota": ["direction", "per", "kinds"],
    "secondmentDuration": ["kind", "months", "mode"], "secondmentRetention": ["kinds", "retain"],
    "experienceCredit": ["countsAs"], "activityMin": ["kinds", "per", "scope", "min"], "fundMinPerUnit": ["unit", "period", "min"],
    "fundReserveRatio": ["ratio", "purpose"], "expenditureRule": ["category"], "costSharing": ["payers", "disburser"],
    "governanceSeats": ["seats"], "appointmentAuthority": ["roles", "authority"], "charterDrafter": ["role"],
    "assessmentCadence": ["kind", "every"], "quotaAdjustment": ["period"], "planPhases": ["phases"], "descriptive": [],
}
SEVERITIES = {"info", "flag", "block"}
PERIODS = {"month", "semester", "schoolYear", "calendarYear", "year"}
LEVELS = {"District", "County", "City", "Province"}
PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")


class Problem(Exception):
    pass


def fail(where, message):
    raise Problem(f"{where}: {message}")


def no_floats(text):
    raise ValueError("floating point is not allowed: " + text)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return json.loads(text, parse_float=no_floats, parse_constant=no_floats)
    except ValueError as error:
        fail(path, f"not valid JSON without floats ({error})")


def domain_rule_ids(domain_text):
    """Rule ids of §2's tables, per jurisdiction code, in order."""
    start = domain_text.find("\n## 2.")
    end = domain_text.find("\n## 3.", start)
    if start < 0 or end < 0:
        raise Problem("DOMAIN.md: cannot find section 2")
    ids = {}
    for line in domain_text[start:end].splitlines():
        match = re.match(r"^\| ((ZH|BS|XP|SY|ZY)-\d{2}[a-z]?) \|", line)
        if match:
            ids.setdefault(match.group(2), []).append(match.group(1))
    if not ids:
        raise Problem("DOMAIN.md: no rule ids found in section 2")
    return ids


def events_enumerations(events_text):
    """Enumeration words of EVENTS.md § Enumerations, by name."""
    start = events_text.find("## Enumerations")
    end = events_text.find("\n## ", start + 5)
    if start < 0:
        raise Problem("EVENTS.md: no Enumerations section")
    enums = {}
    for line in events_text[start:end].splitlines():
        if not line.startswith("- "):
            continue
        for segment in line[2:].split("; "):
            match = re.match(r"^(.+?): (.*)$", segment)
            if not match:
                continue
            names = re.sub(r"\([^()]*\)", "", match.group(1)).strip()
            rest = re.sub(r"\s*\([^()]*\)", "", match.group(2))
            words = []
            for token in re.findall(r"`([^`]*)`", rest):
                words.extend(word.strip() for word in token.split(","))
            for name in names.split("/"):
                enums[name.strip()] = set(w for w in words if w)
    for needed in ("GroupType", "SecondmentKind", "ActivityKind", "ApprovalAction", "ExitReason", "Retained",
                   "FundPurpose", "StaffPost", "GroupRole", "Credential", "CredentialLevel", "AuthorityKind", "AuthorityLevel",
                   "MemberRole", "ApprovalDecision"):
        if not enums.get(needed):
            raise Problem(f"EVENTS.md: enumeration {needed} not found")
    return enums


def strip_ws(text):
    return re.sub(r"\s+", "", text)


def walk_values(value, path, visit):
    visit(value, path)
    if isinstance(value, dict):
        for key, item in value.items():
            walk_values(item, f"{path}.{key}", visit)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            walk_values(item, f"{path}[{index}]", visit)


def expect_keys(obj, where, required, optional=()):
    if not isinstance(obj, dict):
        fail(where, f"expected an object, found {type(obj).__name__}")
    for key in required:
        if key not in obj:
            fail(where, f"missing key '{key}'")
    unknown = set(obj) - set(required) - set(optional)
    if unknown:
        fail(where, f"unknown key(s) {sorted(unknown)}")


def expect_string(value, where, allow_empty=False):
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        fail(where, f"expected a non-empty string, found {value!r}")


def expect_words(values, allowed, where, enum_name):
    items = values if isinstance(values, list) else [values]
    for item in items:
        if item not in allowed:
            fail(where, f"'{item}' is not an EVENTS.md {enum_name} word ({', '.join(sorted(allowed))})")


def check_param_words(rule, where, enums):
    """Words in params that EVENTS.md defines must be spelled as EVENTS.md spells them."""
    params, kind = rule["params"], rule["kind"]
    for holder, label in ((params, "params"), (rule.get("appliesTo", {}), "appliesTo")):
        if "groupType" in holder:
            expect_words(holder["groupType"], enums["GroupType"], f"{where}.{label}.groupType", "GroupType")
    if kind == "approvalRequired":
        expect_words(params["action"], enums["ApprovalAction"], f"{where}.params.action", "ApprovalAction")
        if "decisions" in params:
            expect_words(params["decisions"], enums["ApprovalDecision"], f"{where}.params.decisions", "ApprovalDecision")
    if kind == "exitPolicy" and "allowedReasons" in params:
        expect_words(params["allowedReasons"], enums["ExitReason"], f"{where}.params.allowedReasons", "ExitReason")
    if kind == "exitPolicy" and "approvalAction" in params:
        expect_words(params["approvalAction"], enums["ApprovalAction"], f"{where}.params.approvalAction", "ApprovalAction")
    if kind == "groupSize" and "approvalAction" in params:
        expect_words(params["approvalAction"], enums["ApprovalAction"], f"{where}.params.approvalAction", "ApprovalAction")
    if kind == "activityMin":
        expect_words(params["kinds"], enums["ActivityKind"], f"{where}.params.kinds", "ActivityKind")
    if kind == "dispatchQuota":
        expect_words(params["kinds"], enums["SecondmentKind"], f"{where}.params.kinds", "SecondmentKind")
    if kind == "secondmentDuration":
        expect_words(params["kind"], enums["SecondmentKind"], f"{where}.params.kind", "SecondmentKind")
    if kind == "secondmentRetention":
        if params["kinds"] != "all":
            expect_words(params["kinds"], enums["SecondmentKind"], f"{where}.params.kinds", "SecondmentKind")
        expect_words(params["retain"], enums["Retained"], f"{where}.params.retain", "Retained")
    if kind == "fundReserveRatio":
        expect_words(params["purpose"], enums["FundPurpose"], f"{where}.params.purpose", "FundPurpose")
    if kind == "expenditureRule":
        expect_words(params["category"], enums["FundPurpose"], f"{where}.params.category", "FundPurpose")
    if kind == "appointmentAuthority":
        expect_words(params["roles"], enums["GroupRole"], f"{where}.params.roles", "GroupRole")
    if kind == "governanceSeats":
        for index, seat in enumerate(params["seats"]):
            expect_words(seat.get("role"), enums["GroupRole"], f"{where}.params.seats[{index}].role", "GroupRole")
    if "secondmentKinds" in params:
        expect_words(params["secondmentKinds"], enums["SecondmentKind"], f"{where}.params.secondmentKinds", "SecondmentKind")
    if "activityKinds" in params:
        expect_words(params["activityKinds"], enums["ActivityKind"], f"{where}.params.activityKinds", "ActivityKind")
    for key in ("period", "per"):
        if key in params:
            if params[key] not in PERIODS and not (kind == "dispatchQuota" and key == "per"):
                fail(f"{where}.params.{key}", f"'{params[key]}' is not a period ({', '.join(sorted(PERIODS))})")

    def visit(value, path):
        if isinstance(value, dict):
            if "num" in value or "den" in value:
                if set(value) != {"num", "den"} or not all(isinstance(value[k], int) and not isinstance(value[k], bool) for k in ("num", "den")):
                    fail(path, "a ratio must be exactly {num, den} with integers")
                if value["den"] <= 0 or value["num"] < 0:
                    fail(path, "a ratio needs num ≥ 0 and den > 0")
            for key in value:
                if SNAKE.match(key):
                    fail(path, f"key '{key}' is snake_case; use camelCase")
        elif isinstance(value, str) and SNAKE.match(value):
            fail(path, f"'{value}' is a snake_case code; use the EVENTS.md word or lowerCamelCase")
        elif isinstance(value, str) and re.search(r"[a-z](Id|Ids\[\d+\])$|^authorityId$|\.authorityId$", path):
            if not ID.match(value):
                fail(path, f"'{value}' is not an Id")
    walk_values(rule, where, visit)
    if kind == "fundMinPerUnit" and (not isinstance(params["min"], int) or isinstance(params["min"], bool) or params["min"] < 1):
        fail(f"{where}.params.min", "money is a positive integer number of fen")


def check_profile(path, code, domain_text, domain_ids, enums, seeds_dir):
    profile = load_json(path)
    name = os.path.basename(path)
    stem = name[:-len(".json")]
    expect_keys(profile, name, ["profileId", "version", "jurisdiction", "effective", "sources", "calendar", "vocabulary", "rules", "assumptions"])
    if profile["profileId"] != stem:
        fail(name, f"profileId '{profile['profileId']}' does not match the file name")
    if not isinstance(profile["version"], int) or isinstance(profile["version"], bool) or profile["version"] < 1:
        fail(f"{name}.version", "expected an integer ≥ 1")

    jurisdiction = profile["jurisdiction"]
    expect_keys(jurisdiction, f"{name}.jurisdiction", ["id", "nameZh", "level"], ["parent"])
    if jurisdiction["id"] != stem:
        fail(f"{name}.jurisdiction.id", f"expected '{stem}', found '{jurisdiction['id']}'")
    expect_string(jurisdiction["nameZh"], f"{name}.jurisdiction.nameZh")
    if jurisdiction["level"] not in LEVELS or jurisdiction["level"] not in enums["AuthorityLevel"]:
        fail(f"{name}.jurisdiction.level", f"'{jurisdiction['level']}' is not an AuthorityLevel")
    if "parent" in jurisdiction and not ID.match(str(jurisdiction["parent"])):
        fail(f"{name}.jurisdiction.parent", "not an Id")

    expect_keys(profile["effective"], f"{name}.effective", [], ["start", "end"])
    for key, value in profile["effective"].items():
        if not isinstance(value, str) or not PARTIAL_DATE.match(value):
            fail(f"{name}.effective.{key}", f"expected YYYY, YYYY-MM or YYYY-MM-DD, found {value!r}")

    if not isinstance(profile["sources"], list) or not profile["sources"]:
        fail(f"{name}.sources", "expected a non-empty list")
    source_files = {}
    for index, source in enumerate(profile["sources"]):
        where = f"{name}.sources[{index}]"
        expect_keys(source, where, ["documentId", "file", "titleZh"], ["docNumber"])
        if not ID.match(source["documentId"]):
            fail(f"{where}.documentId", "not an Id")
        if "docNumber" in source and not re.match(r"^[\u4e00-\u9fff]+〔\d{4}〕\d+号$", source["docNumber"]):
            fail(f"{where}.docNumber", f"not a normalised 文号: {source['docNumber']!r}")
        seed_path = os.path.join(seeds_dir, source["file"])
        if not os.path.isfile(seed_path):
            fail(f"{where}.file", f"no seed file {seed_path}")
        expect_string(source["titleZh"], f"{where}.titleZh")
        with open(seed_path, encoding="utf-8") as f:
            source_files[source["documentId"]] = strip_ws(f.read())

    calendar = profile["calendar"]
    expect_keys(calendar, f"{name}.calendar", ["schoolYearStart", "semesterStarts", "yearBasis"])
    if not MONTH_DAY.match(str(calendar["schoolYearStart"])):
        fail(f"{name}.calendar.schoolYearStart", "expected MM-DD")
    if not isinstance(calendar["semesterStarts"], list) or not calendar["semesterStarts"] or not all(MONTH_DAY.match(str(s)) for s in calendar["semesterStarts"]):
        fail(f"{name}.calendar.semesterStarts", "expected a list of MM-DD")
    if calendar["yearBasis"] not in ("calendar", "schoolYear"):
        fail(f"{name}.calendar.yearBasis", "expected 'calendar' or 'schoolYear'")

    vocabulary = profile["vocabulary"]
    expect_keys(vocabulary, f"{name}.vocabulary", ["leadLabelZh", "leadRequired", "allowMultiMembership", "groupTypes", "secondmentKinds", "activityKinds"])
    if vocabulary["leadLabelZh"] is not None:
        expect_string(vocabulary["leadLabelZh"], f"{name}.vocabulary.leadLabelZh")
    for key in ("leadRequired", "allowMultiMembership"):
        if not isinstance(vocabulary[key], bool):
            fail(f"{name}.vocabulary.{key}", "expected true or false")
    if vocabulary["leadRequired"] and vocabulary["leadLabelZh"] is None:
        fail(f"{name}.vocabulary", "leadRequired without a leadLabelZh")
    if not isinstance(vocabulary["groupTypes"], dict) or not vocabulary["groupTypes"]:
        fail(f"{name}.vocabulary.groupTypes", "expected a non-empty object")
    for word, entry in vocabulary["groupTypes"].items():
        where = f"{name}.vocabulary.groupTypes.{word}"
        expect_words(word, enums["GroupType"], where, "GroupType")
        expect_keys(entry, where, ["labelZh", "retained"], ["notes"])
        expect_string(entry["labelZh"], f"{where}.labelZh")
        if not isinstance(entry["retained"], list) or not all(isinstance(r, str) and re.match(r"^[A-Z][A-Za-z]+$", r) for r in entry["retained"]):
            fail(f"{where}.retained", "expected a list of UpperCamelCase words")
    expect_words(vocabulary["secondmentKinds"], enums["SecondmentKind"], f"{name}.vocabulary.secondmentKinds", "SecondmentKind")
    expect_words(vocabulary["activityKinds"], enums["ActivityKind"], f"{name}.vocabulary.activityKinds", "ActivityKind")

    if not isinstance(profile["assumptions"], list) or not profile["assumptions"] or not all(isinstance(a, str) and a.strip() for a in profile["assumptions"]):
        fail(f"{name}.assumptions", "expected a non-empty list of strings")

    rules = profile["rules"]
    if not isinstance(rules, list) or not rules:
        fail(f"{name}.rules", "expected a non-empty list")
    expected = domain_ids.get(code, [])
    seen = set()
    for index, rule in enumerate(rules):
        where = f"{name}.rules[{index}]"
        expect_keys(rule, where, ["id", "kind", "params", "severity", "severityReason", "source"], ["appliesTo"])
        rule_id = rule["id"]
        where = f"{name} rule {rule_id}"
        if not isinstance(rule_id, str) or not re.match(rf"^{code}-\d{{2}}[a-z]?$", rule_id):
            fail(where, f"id must be {code}-NN with an optional letter suffix")
        if rule_id in seen:
            fail(where, "duplicate rule id")
        seen.add(rule_id)
        if rule_id not in expected and rule_id[:-1] not in expected:
            fail(where, "not a rule id of DOMAIN.md §2 (nor one with a letter suffix)")
        if rule["kind"] not in KINDS:
            fail(where, f"kind '{rule['kind']}' is not one of {', '.join(sorted(KINDS))}")
        if not isinstance(rule["params"], dict):
            fail(f"{where}.params", "expected an object")
        for needed in REQUIRED_PARAMS[rule["kind"]]:
            alternatives = needed if isinstance(needed, list) else [needed]
            if not any(key in rule["params"] for key in alternatives):
                fail(f"{where}.params", f"kind {rule['kind']} needs {' or '.join(alternatives)}")
        if "appliesTo" in rule and not isinstance(rule["appliesTo"], dict):
            fail(f"{where}.appliesTo", "expected an object")
        if rule["severity"] not in SEVERITIES:
            fail(where, f"severity '{rule['severity']}' is not info, flag or block")
        expect_string(rule["severityReason"], f"{where}.severityReason")
        source = rule["source"]
        expect_keys(source, f"{where}.source", ["documentId", "quoteZh"], ["clauseZh"])
        if source["documentId"] not in source_files:
            fail(f"{where}.source.documentId", f"'{source['documentId']}' is not among the profile's sources")
        quote = source["quoteZh"]
        expect_string(quote, f"{where}.source.quoteZh")
        if quote not in domain_text and strip_ws(quote) not in source_files[source["documentId"]]:
            fail(f"{where}.source.quoteZh", f"not verbatim in DOMAIN.md nor in the seed file: {quote[:60]}…")
        if "clauseZh" in source:
            expect_string(source["clauseZh"], f"{where}.source.clauseZh")
        check_param_words(rule, where, enums)
    for rule_id in expected:
        if not any(r == rule_id or (len(r) == len(rule_id) + 1 and r.startswith(rule_id) and r[-1].isalpha()) for r in seen):
            fail(name, f"DOMAIN.md §2 rule {rule_id} is not in the profile")
    return profile, len(rules)


def main():
    parser = argparse.ArgumentParser(description="Check Journal/profiles/*.json against DOMAIN.md and the seeds.")
    parser.add_argument("--domain", default=os.path.join(SHARED, "DOMAIN.md"))
    parser.add_argument("--seeds", default=os.path.join(SHARED, "seeds"))
    parser.add_argument("--events", default=os.path.join(ROOT, "Journal", "EVENTS.md"))
    parser.add_argument("--profiles", default=os.path.join(ROOT, "Journal", "profiles"))
    args = parser.parse_args()
    try:
        with open(args.domain, encoding="utf-8") as f:
            domain_text = f.read()
        with open(args.events, encoding="utf-8") as f:
            enums = events_enumerations(f.read())
        domain_ids = domain_rule_ids(domain_text)
        total = 0
        counts = []
        for stem, code in JURISDICTIONS.items():
            path = os.path.join(args.profiles, stem + ".json")
            if not os.path.isfile(path):
                raise Problem(f"{path}: missing")
            _, count = check_profile(path, code, domain_text, domain_ids, enums, args.seeds)
            counts.append(f"{stem} {count}")
            total += count
        extra = sorted(set(os.listdir(args.profiles)) - {s + ".json" for s in JURISDICTIONS})
        if extra:
            raise Problem(f"{args.profiles}: unexpected file(s) {extra}")
    except Problem as problem:
        print(f"check_profiles: {problem}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"check_profiles: {error}", file=sys.stderr)
        return 1
    covered = sum(len(v) for v in domain_ids.values())
    print(f"check_profiles: ok: {total} rules ({', '.join(counts)}) covering all {covered} rule ids of DOMAIN.md §2")
    return 0


if __name__ == "__main__":
    sys.exit(main())
