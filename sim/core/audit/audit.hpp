// The graded best-practice audit: a server's configuration checked against RFC 9325 (BCP 195)
// and a few web rules, each finding tied to the step and bytes of a run that prove it. The runs
// come from the engine (a lesson's scenario, probed with several client settings) or from a real
// server (live_audit.hpp); the rules only read transcripts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/model/transcript.hpp"

namespace hl::audit {

/// How bad a finding is; the worst one decides the grade. `info` reports what the server does
/// without judging it (client authentication suits an API, not a public web site): no grade change.
enum class Severity : std::uint8_t { info, low, medium, high, critical };

/// "info", "low", "medium", "high" or "critical".
const char* severity_name(Severity severity);

/// One named run the audit made: a probe with its own client settings, or the port-80 visit.
struct AuditRun {
  std::string name;         // "main", "legacy", "tls12", "cbc", "static-rsa", "port-80"
  std::string description;  // what the client did differently, for a person
  Transcript transcript;
};

/// The bytes that prove a finding: a range of one step of one run.
struct Evidence {
  std::string run;           // AuditRun::name
  std::size_t step = 0;      // from 1, as trace numbers steps
  bool in_plaintext = false; // the range indexes Step::plaintext (a decrypted record), else Step::bytes
  std::size_t offset = 0;
  std::size_t length = 0;    // 0 for an event step (no bytes)
  Bytes bytes;               // the range's bytes
  std::string text;          // what they show, in one sentence
};

/// One broken rule.
struct Finding {
  std::string id;       // "legacy-version"
  Severity severity = Severity::low;
  std::string rule;     // "RFC 9325 §3.1.1: TLS 1.0 and 1.1 MUST NOT be negotiated"
  Evidence evidence;
};

/// The grade and its findings, worst first, with the runs they point into.
struct AuditReport {
  char grade = 'A';                     // F any critical, D worst high, C worst medium, B worst low, A none (info only)
  std::vector<Finding> findings;
  std::vector<AuditRun> runs;
  std::vector<std::string> not_graded;  // what the audit could not check, and why
};

/// One row of the rule table, for documentation and tests.
struct RuleInfo {
  const char* id;
  Severity severity;
  const char* rule;
};

/// Every rule the audit checks, in the order findings are listed.
const std::vector<RuleInfo>& audit_rules();

/// The grade for these findings: F if any is critical, D/C/B by the worst severity, A if none
/// or only `info` ones.
char grade_for(const std::vector<Finding>& findings);

/// Checks every rule against the runs (the first run is the main one) and grades the result.
AuditReport grade_runs(std::vector<AuditRun> runs, std::vector<std::string> not_graded);

}  // namespace hl::audit
