#include "model/i18n.h"

namespace ntm {

Lang& current_lang() {
  static Lang lang = Lang::Vi;
  return lang;
}

}  // namespace ntm
