// Grouping events into steps a teacher would name, and back.
#include "core/engine/event_groups.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace hl {
namespace {

// Which part names a group, most important first: a group is what its strongest part is.
constexpr EventKind kPriority[] = {EventKind::failure,  EventKind::alert_sent,     EventKind::alert_received,
                                   EventKind::verify,   EventKind::secret,         EventKind::handshake_done,
                                   EventKind::negotiated, EventKind::note,         EventKind::state};

std::size_t rank(EventKind kind) {
  return static_cast<std::size_t>(std::find(std::begin(kPriority), std::end(kPriority), kind) - std::begin(kPriority));
}

bool has_kind(const std::vector<EventPart>& parts, EventKind kind) {
  return std::any_of(parts.begin(), parts.end(), [&](const EventPart& p) { return p.kind == kind; });
}

std::string_view label_of(const EventPart& part) {
  std::string_view line = part.keylog_line;
  return line.substr(0, line.find(' '));
}

bool any_label(const std::vector<EventPart>& parts, std::string_view fragment) {
  return std::any_of(parts.begin(), parts.end(), [&](const EventPart& p) {
    return p.kind == EventKind::secret && label_of(p).find(fragment) != std::string_view::npos;
  });
}

std::string chain_phrase(const std::vector<EventPart>& parts) {
  std::size_t checked = 0, failed = 0;
  std::string first_error;
  for (const auto& part : parts) {
    if (part.kind != EventKind::verify) continue;
    ++checked;
    if (part.verify.ok) continue;
    if (failed++ == 0) first_error = part.verify.error_text;
  }
  std::string text = "checks the certificate chain (" + std::to_string(checked) +
                     (checked == 1 ? " certificate: " : " certificates: ");
  if (failed == 0) return text + (checked == 1 ? "passes)" : "all pass)");
  return text + std::to_string(failed) + " failing, " + first_error + ")";
}

// Key log labels are NSS's (CLIENT_HANDSHAKE_TRAFFIC_SECRET, CLIENT_RANDOM ...): the
// phrase names the stage of the key schedule they belong to.
std::string secrets_phrase(const std::vector<EventPart>& parts) {
  if (any_label(parts, "CLIENT_RANDOM") || any_label(parts, "RSA")) return "derives the master secret";
  const bool early = any_label(parts, "EARLY");
  const bool handshake = any_label(parts, "HANDSHAKE");
  // EARLY_EXPORTER_SECRET belongs to the early stage, EXPORTER_SECRET to the application one.
  const bool application = any_label(parts, "TRAFFIC_SECRET_") ||
                           std::any_of(parts.begin(), parts.end(), [](const EventPart& p) {
                             return p.kind == EventKind::secret && label_of(p) == "EXPORTER_SECRET";
                           });
  if (handshake && application) return "derives its handshake and application keys";
  if (handshake) return "derives its handshake keys";
  if (early && !application) return "derives its early-data keys";
  return "derives its application keys";
}

std::string part_phrase(const std::vector<EventPart>& parts, const EventPart& part) {
  switch (part.kind) {
    case EventKind::verify: return chain_phrase(parts);
    case EventKind::secret: return secrets_phrase(parts);
    case EventKind::state: return "starts the handshake";
    case EventKind::handshake_done: return "finishes the handshake";
    case EventKind::negotiated: return "notes what both sides agreed on";
    case EventKind::alert_sent: return "sends an alert (" + part.title.substr(part.title.find(':') + 2) + ")";
    case EventKind::alert_received: return "receives an alert (" + part.title.substr(part.title.find(':') + 2) + ")";
    case EventKind::failure: return "stops";
    default: return part.title;
  }
}

// One phrase per kind, in the order the kinds first happened.
std::vector<std::string> phrases(const std::vector<EventPart>& parts) {
  std::vector<std::string> out;
  std::vector<EventKind> said;
  for (const auto& part : parts) {
    const bool once_per_kind = part.kind == EventKind::verify || part.kind == EventKind::secret;
    if (once_per_kind && std::find(said.begin(), said.end(), part.kind) != said.end()) continue;
    said.push_back(part.kind);
    out.push_back(part_phrase(parts, part));
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += i + 1 == items.size() ? " and " : ", ";
    text += items[i];
  }
  return text;
}

// Each part on a line of its own; a secret keeps its key log label in front.
std::string group_detail(const std::vector<EventPart>& parts) {
  std::string detail;
  for (const auto& part : parts) {
    if (!detail.empty()) detail += "\n";
    if (part.kind == EventKind::secret) detail += std::string(label_of(part)) + ": ";
    detail += part.detail;
  }
  return detail;
}

const EventPart& primary_part(const std::vector<EventPart>& parts) {
  // The first failing check outranks the passing ones of the same chain.
  for (const auto& part : parts)
    if (part.kind == EventKind::verify && !part.verify.ok && !has_kind(parts, EventKind::failure)) return part;
  return *std::min_element(parts.begin(), parts.end(),
                           [](const EventPart& a, const EventPart& b) { return rank(a.kind) < rank(b.kind); });
}

Step event_group_step(Side side, int connection, std::vector<EventPart> parts) {
  Step step;
  step.kind = StepKind::event;
  step.from = side;
  step.to = side;
  step.connection = connection;
  const EventPart& primary = primary_part(parts);
  step.event = primary.kind;
  step.verify = primary.verify;
  step.keylog_line = primary.keylog_line;
  step.title = group_title(side, parts);
  step.detail = group_detail(parts);
  step.parts = std::move(parts);
  return step;
}

bool only_state(const std::vector<EventPart>& parts) {
  return std::all_of(parts.begin(), parts.end(), [](const EventPart& p) { return p.kind == EventKind::state; });
}

Step single_event_step(const Step& owner, const EventPart& part) {
  Step step;
  step.kind = StepKind::event;
  step.from = owner.from;
  step.to = owner.from;
  step.connection = owner.connection;
  step.event = part.kind;
  step.title = part.title;
  step.detail = part.detail;
  step.verify = part.verify;
  step.keylog_line = part.keylog_line;
  step.parts = {part};
  return step;
}

// An event step's parts; one made from its own fields when it has none.
std::vector<EventPart> parts_of(const Step& step) {
  if (!step.parts.empty()) return step.parts;
  return {EventPart{step.event, step.title, step.detail, step.verify, step.keylog_line}};
}

}  // namespace

std::string group_title(Side side, const std::vector<EventPart>& parts) {
  static const char* const subjects[] = {"Client ", "Server ", "Mallory "};
  return subjects[static_cast<int>(side)] + joined(phrases(parts));
}

void group_events(Transcript& transcript) {
  std::vector<Step> grouped;
  grouped.reserve(transcript.steps.size());
  auto& steps = transcript.steps;
  for (std::size_t i = 0; i < steps.size();) {
    if (steps[i].kind != StepKind::event) {
      grouped.push_back(std::move(steps[i++]));
      continue;
    }
    const std::size_t first = i;
    std::vector<EventPart> parts;
    for (; i < steps.size() && steps[i].kind == StepKind::event && same_sender(steps[i], steps[first]); ++i) {
      auto more = parts_of(steps[i]);
      parts.insert(parts.end(), more.begin(), more.end());
    }
    // A lone "handshake starts" is what the side's next record begins; no step of its own.
    const bool next_is_own_record =
        i < steps.size() && steps[i].kind == StepKind::record && same_sender(steps[i], steps[first]);
    if (only_state(parts) && next_is_own_record && steps[i].parts.empty()) {
      steps[i].parts = std::move(parts);
      continue;
    }
    grouped.push_back(event_group_step(steps[first].from, steps[first].connection, std::move(parts)));
  }
  steps = std::move(grouped);
}

std::size_t grouped_number(const std::vector<Step>& so_far, const Step& next) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < so_far.size();) {
    if (so_far[i].kind != StepKind::event) {
      ++count, ++i;
      continue;
    }
    // The same run group_events() makes, and its same rule for a lone state change.
    const std::size_t first = i;
    bool states_only = true;
    for (; i < so_far.size() && so_far[i].kind == StepKind::event && same_sender(so_far[i], so_far[first]); ++i)
      states_only = states_only && only_state(parts_of(so_far[i]));
    const Step& after = i < so_far.size() ? so_far[i] : next;
    const bool folds =
        states_only && after.kind == StepKind::record && same_sender(after, so_far[first]) && after.parts.empty();
    if (!folds) ++count;
  }
  return count + 1;
}

Transcript expand_events(const Transcript& grouped) {
  Transcript out = grouped;
  out.steps.clear();
  // Another form of the run: caches keyed on serials must tell the two apart (run serials
  // count up from 1 and never reach the top bit).
  if (out.serial != 0) out.serial |= std::uint64_t{1} << 63;
  for (const Step& step : grouped.steps) {
    const auto parts = step.kind == StepKind::event ? parts_of(step) : step.parts;
    for (const EventPart& part : parts) out.steps.push_back(single_event_step(step, part));
    if (step.kind == StepKind::event) continue;
    out.steps.push_back(step);
    out.steps.back().parts.clear();
  }
  return out;
}

}  // namespace hl
