// Writing a file so that a reader sees the old contents or the new, never half of either:
// a temporary file beside it, flushed to disk, then renamed over it. Used for the learner's
// progress and the window's settings.
#pragma once

#include <filesystem>
#include <string>

namespace hl {

/// Replaces path with text atomically, creating its directory; false and a one-line reason
/// ("cannot write /x/y.tmp.12: Permission denied") when any step fails. The old file is
/// left untouched on failure, and no temporary file stays behind.
bool write_file_atomically(const std::filesystem::path& path, const std::string& text, std::string& out_error);

}  // namespace hl
