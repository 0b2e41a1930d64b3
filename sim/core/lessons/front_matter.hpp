// Splits a lesson file into its TOML front matter (between two `+++` lines) and its body.
#pragma once

#include <string>
#include <string_view>

namespace hl {

/// The two parts of a lesson file; views into the text given to split_front_matter().
struct FrontMatterParts {
  std::string_view toml;  // between the delimiters
  int toml_line = 0;      // file line of the front matter's first line
  std::string_view body;  // after the closing delimiter
  int body_line = 0;      // file line of the body's first line
};

/// Why a split failed, and where.
struct FrontMatterError {
  int line = 0;
  std::string message;
};

/// The file must open with a line that is exactly `+++` (a UTF-8 BOM and trailing spaces
/// are allowed) and close the front matter with another. Returns false and fills
/// out_error on an empty file, a missing or unclosed delimiter, or text after a `+++`.
bool split_front_matter(std::string_view text, FrontMatterParts& out_parts, FrontMatterError& out_error);

}  // namespace hl
