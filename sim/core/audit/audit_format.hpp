// The audit as text for a person and as JSON for scripts:
// {grade, findings: [{id, severity, rule, step, evidence: {run, in, offset, length, bytes, text}}], runs, not_graded}.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/audit/audit.hpp"

namespace hl::audit {

/// The report as JSON (steps numbered from 1, offsets into that step's bytes or plaintext, bytes in hex).
nlohmann::json report_to_json(const AuditReport& report);

/// The report as text: the grade, then each finding with its rule and the bytes that prove it.
std::string report_to_text(const AuditReport& report, const std::string& heading);

}  // namespace hl::audit
