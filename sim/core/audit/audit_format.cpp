#include "core/audit/audit_format.hpp"

#include <algorithm>
#include <cstdio>

namespace hl::audit {
namespace {

std::string hex(const Bytes& bytes, const char* separator) {
  std::string out;
  char pair[4];
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::snprintf(pair, sizeof pair, "%02x", bytes[i]);
    out += (i == 0 ? "" : separator) + std::string(pair);
  }
  return out;
}

// A long range shows its first bytes only in text; JSON always has all of them.
constexpr std::size_t kTextBytes = 24;

std::string step_title(const AuditReport& report, const Evidence& evidence) {
  for (const AuditRun& run : report.runs)
    if (run.name == evidence.run && evidence.step >= 1 && evidence.step <= run.transcript.steps.size())
      return run.transcript.steps[evidence.step - 1].title;
  return "";
}

std::string evidence_text(const AuditReport& report, const Evidence& e) {
  std::string out = "      run " + e.run + ", step " + std::to_string(e.step);
  const std::string title = step_title(report, e);
  if (!title.empty()) out += " (" + title + ")";
  if (e.length > 0) {
    out += ", " + std::string(e.in_plaintext ? "plaintext" : "bytes") + " " + std::to_string(e.offset) + ".." +
           std::to_string(e.offset + e.length - 1) + ": ";
    Bytes shown(e.bytes.begin(), e.bytes.begin() + static_cast<std::ptrdiff_t>(std::min(e.bytes.size(), kTextBytes)));
    out += hex(shown, " ") + (e.bytes.size() > kTextBytes ? " ..." : "");
  }
  return out + "\n      " + e.text + "\n";
}

// "1 finding", or "0 findings; 1 note for information, not graded": info findings never lower the
// grade, so a grade A beside "1 finding" would read as a contradiction.
std::string findings_count_text(const std::vector<Finding>& findings) {
  const auto notes = static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::info; }));
  const std::size_t graded = findings.size() - notes;
  std::string text = std::to_string(graded) + (graded == 1 ? " finding" : " findings");
  if (notes > 0) text += "; " + std::to_string(notes) + (notes == 1 ? " note" : " notes") + " for information, not graded";
  return text;
}

}  // namespace

nlohmann::json report_to_json(const AuditReport& report) {
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& f : report.findings) {
    const Evidence& e = f.evidence;
    findings.push_back({{"id", f.id},
                        {"severity", severity_name(f.severity)},
                        {"rule", f.rule},
                        {"step", e.step},
                        {"evidence",
                         {{"run", e.run},
                          {"in", e.in_plaintext ? "plaintext" : "bytes"},
                          {"offset", e.offset},
                          {"length", e.length},
                          {"bytes", hex(e.bytes, "")},
                          {"text", e.text}}}});
  }
  nlohmann::json runs = nlohmann::json::array();
  for (const AuditRun& run : report.runs)
    runs.push_back({{"name", run.name},
                    {"description", run.description},
                    {"steps", run.transcript.steps.size()},
                    {"version", run.transcript.negotiated.version},
                    {"cipher", run.transcript.negotiated.cipher},
                    {"failure", run.transcript.failure}});
  return {{"grade", std::string(1, report.grade)}, {"findings", findings}, {"runs", runs}, {"not_graded", report.not_graded}};
}

std::string report_to_text(const AuditReport& report, const std::string& heading) {
  std::string out = heading + "\n\nGrade " + std::string(1, report.grade) + " (" + findings_count_text(report.findings) + ")\n";
  for (const Finding& f : report.findings)
    out += "\n  [" + std::string(severity_name(f.severity)) + "] " + f.id + ": " + f.rule + "\n" + evidence_text(report, f.evidence);
  out += "\nRuns\n";
  for (const AuditRun& run : report.runs) {
    const Transcript& t = run.transcript;
    std::string outcome = t.handshake_complete ? t.negotiated.version + " " + t.negotiated.cipher
                          : t.failure.empty()  ? std::string("no TLS on this port")
                                               : "no handshake: " + t.failure;
    out += "  " + run.name + ": " + run.description + " -> " + outcome + "\n";
  }
  if (!report.not_graded.empty()) out += "\nNot graded\n";
  for (const std::string& line : report.not_graded) out += "  " + line + "\n";
  return out;
}

}  // namespace hl::audit
