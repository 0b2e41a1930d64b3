#include "app/run_data.hpp"

#include <cctype>
#include <cstdio>
#include <utility>

namespace hl::app {

std::string size_label(std::size_t num_bytes) {
  char text[32];
  if (num_bytes < 10000) {
    std::snprintf(text, sizeof text, "%zu B", num_bytes);
  } else {
    std::snprintf(text, sizeof text, "%.1f KiB", static_cast<double>(num_bytes) / 1024.0);
  }
  return text;
}

std::shared_ptr<RunData> make_run_data(Scenario scenario, Transcript transcript,
                                       std::vector<wire::DecodedStep> decoded) {
  auto run = std::make_shared<RunData>();
  run->scenario = std::move(scenario);
  run->transcript = std::move(transcript);
  run->decoded = std::move(decoded);
  const auto& steps = run->transcript.steps;
  run->display.resize(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    StepDisplay& display = run->display[i];
    display.title = step.title.empty() ? step_kind_name(step.kind) : step.title;
    if (step.kind != StepKind::event) display.size_text = size_label(step.bytes.size());
    // Application lines cross in clear text: say which protocol, so they never pass for TLS records.
    if (step.kind == StepKind::app_line && !step.protocol.empty()) {
      std::string protocol = step.protocol;
      for (char& c : protocol) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      display.size_text = protocol + ", " + display.size_text;
    }
    if (i >= run->decoded.size()) continue;
    display.wire_colours = leaf_colours(run->decoded[i].fields, kNumFieldColours);
    display.plain_colours = leaf_colours(run->decoded[i].inner_fields, kNumFieldColours);
  }
  return run;
}

}  // namespace hl::app
