-- intent: vòng lặp trong __tostring khi in
-- expect: limit giới hạn
print(setmetatable({}, {__tostring = function() while true do end end}))
