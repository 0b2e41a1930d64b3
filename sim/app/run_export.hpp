// File > Export behind the menu: the run on screen written by path's ending, through the same
// core writers as `handshake-lab export` and `handout` (core/export/export_file.hpp). No ImGui.
#pragma once

#include <string>
#include <vector>

#include "app/run_data.hpp"
#include "core/engine/scenario.hpp"

namespace hl::app {

/// Writes `run` (a run of lesson `lesson_id`) as .pcapng, .pcap with FILE.keylog beside it, or .html
/// (the lesson's handout). True with out_status naming what was written; false with one sentence in
/// out_error (a capture, an unknown ending, an unwritable path, no such lesson).
[[nodiscard]] bool export_run_file(const RunData& run, const std::string& lesson_id, const std::string& path,
                                   std::string& out_status, std::string& out_error);

/// The scenario keys whose value in `run` differs from `lesson`, as `--set` would give them ("version=1.2"):
/// what a handout names as the run's settings after the Scenario panel changed them.
std::vector<std::string> changed_settings(const Scenario& lesson, const Scenario& run);

}  // namespace hl::app
