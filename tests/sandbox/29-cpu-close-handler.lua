-- intent: vòng lặp trong hàm __close
-- expect: limit giới hạn
do
  local x <close> = setmetatable({}, {__close = function() while true do end end})
end
