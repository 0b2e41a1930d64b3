// Writing a run out as a file, shared by `export`, `handout` and the window's File > Export, so
// both front ends write the same bytes: the format is chosen by the path's ending.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/engine/scenario.hpp"
#include "core/lessons/lesson.hpp"
#include "core/model/transcript.hpp"

namespace hl {

/// What a path's ending asks for.
enum class ExportKind : std::uint8_t { pcapng, pcap, handout };

/// .pcapng, .pcap or .html (exact, lower case as `export` always took them); nullopt for anything else.
std::optional<ExportKind> export_kind_for(const std::string& path);

/// FILE.keylog beside FILE.pcap: where the window puts a classic pcap's key log.
std::string keylog_path_beside(const std::string& capture_path);

/// Writes bytes to path, replacing it. False with out_error "cannot write PATH" when it cannot.
[[nodiscard]] bool write_whole_file(const std::string& path, std::string_view bytes, std::string& out_error);

/// Writes the run as `export` does: out_path ends in .pcapng (key log in a DSB) or .pcap; keylog_path,
/// unless empty, also gets the NSS key log (a .pcap needs it). False with out_error (one line) otherwise.
[[nodiscard]] bool write_capture_export(const Transcript& transcript, const Scenario& scenario, const std::string& lesson_id,
                                        const std::string& out_path, const std::string& keylog_path, std::string& out_error);

}  // namespace hl
