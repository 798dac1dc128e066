"""Checks a SARIF 2.1.0 log for the fields the specification requires (and
code hosts read), and prints a summary for FileCheck: the version, each
rule with its default level, each result with its location."""
import json
import sys

with open(sys.argv[1]) as f:
    log = json.load(f)

assert log["version"] == "2.1.0", log.get("version")
assert log["$schema"].startswith("https://"), log.get("$schema")
runs = log["runs"]
driver = runs[0]["tool"]["driver"]
assert driver["name"] and driver["version"] and driver["informationUri"]
print("version %s, %d run, tool %s" % (log["version"], len(runs),
                                       driver["name"]))
rules = {r["id"]: r for r in driver["rules"]}
for result in runs[0]["results"]:
    assert result["ruleId"] in rules, result["ruleId"]
    rule = driver["rules"][result["ruleIndex"]]
    assert rule["id"] == result["ruleId"]
for rule_id in sorted({r["ruleId"] for r in runs[0]["results"]}):
    rule = rules[rule_id]
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    print("rule %s: %s" % (rule_id,
                           rule["defaultConfiguration"]["level"]))
for result in runs[0]["results"]:
    assert result["message"]["text"]
    loc = result["locations"][0]["physicalLocation"]
    region = loc["region"]
    related = result.get("relatedLocations", [])
    print("result %s %s %s:%d:%d%s" % (
        result["ruleId"], result["level"], loc["artifactLocation"]["uri"],
        region["startLine"], region["startColumn"],
        " (%d related)" % len(related) if related else ""))
