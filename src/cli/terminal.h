// Text ntm writes to a terminal: control characters made visible.
//
// Names and messages come from databases, imported files and scripts, all of which come from
// outside. A name holding ESC (or the one-byte CSI, U+009B) could move the cursor, rewrite
// what is on screen, set the window title or, in some terminals, write the clipboard. So
// when standard output or standard error is a terminal, ntm writes through a filter that
// shows every control character except LF and tab as \xNN (\u{NN} for U+0080–U+009F), and
// every byte that is not UTF-8 as \xNN. Output to a file or a pipe is not touched.
#pragma once

#include <ostream>

namespace ntm::cli {

// Puts the filter on `stream` (std::cout or std::cerr) when `fd` is a terminal. The filter
// lives until the program ends.
void escape_controls_on_terminal(std::ostream& stream, int fd);

}  // namespace ntm::cli
