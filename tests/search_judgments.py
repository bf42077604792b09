"""A judged test set for search: original articles written for it, and queries with the
articles a reader expects first.

The articles are short and invented (no real events); each carries the traps real
Vietnamese text sets for a search that reads syllables one by one: "dân" and "Phù Vân"
in one story, "y tế" and "kinh nghiệm" beside "kinh tế", a teacher named Thủy in a
story about electricity, "thuỷ"/"thủy" and "hoà"/"hòa" written both ways.

`JUDGMENTS`: (query, groups). The groups must come first, in order; the articles of
one group may come in any order among themselves (both are equally good answers).
"""

CORPUS = {
    # key: (title, sapo, body, hours ago)
    "dan_van_title": (
        "Công tác dân vận khéo ở bản Nà Sài",
        "Cán bộ xã Chiềng Ban về bản vận động bà con hiến đất làm đường.",
        "<p>Nhờ kiên trì gặp từng hộ, bản Nà Sài đã mở được 3 km đường bê tông.</p>",
        30,
    ),
    "dan_van_sapo": (
        "Hội nghị tổng kết năm của khối cơ quan tỉnh",
        "Ban Dân vận Tỉnh ủy Sơn La tổng kết công tác năm và trao khen thưởng.",
        "<p>Nhiều mô hình hay được nhân rộng trong năm qua.</p>",
        20,
    ),
    "dan_van_body": (
        "Xã Mường Bú đón nhận danh hiệu nông thôn mới",
        "Sau năm năm phấn đấu, xã Mường Bú (huyện Mường La) đạt đủ 19 tiêu chí.",
        "<p>Bí thư Đảng ủy xã cho biết, bài học lớn nhất là làm tốt công tác dân vận,"
        " để người <em>dân</em> tự nguyện đóng góp.</p>",
        5,
    ),
    "phu_van_road": (
        "Khởi công đường lên vùng chè Phù Vân",
        "Tuyến đường dài 12 km giúp bà con chở chè búp tươi về nhà máy nhanh hơn.",
        "<p>Người dân xã Phù Vân mong con đường này đã lâu.</p>",
        1,
    ),
    "weather": (
        "Dự báo thời tiết ngày mai: vùng núi vẫn mưa rào",
        "Người dân các huyện vùng cao cần đề phòng lũ quét và sạt lở đất.",
        "<p>Nhiệt độ thấp nhất 18 độ C.</p>",
        2,
    ),
    "dan_van_ho": (
        "Người dân Vân Hồ vào vụ thu hoạch mận",
        "Giá mận hậu đầu vụ ở mức khá, bà con phấn khởi.",
        "<p>Huyện Vân Hồ có hơn 500 ha mận.</p>",
        8,
    ),
    "son_la_title": (
        "Sơn La đón hơn 3 triệu lượt khách du lịch",
        "Ngành du lịch của tỉnh đạt kết quả cao nhất từ trước tới nay.",
        "<p>Các điểm đến Mộc Châu, Tà Xùa được du khách yêu thích.</p>",
        12,
    ),
    "painter": (
        "Thợ sơn tường ở phố núi vào mùa cao điểm",
        "Nghề sơn nhà đắt khách dịp cuối năm.",
        "<p>Anh Lò Văn La đã làm nghề mười năm.</p>",
        1.5,
    ),
    "moc_chau": (
        "Mộc Châu vào mùa hoa cải trắng",
        "Cao nguyên những ngày cuối năm phủ trắng hoa cải.",
        "<p>Du khách đổ về các đồi chè xanh mướt.</p>",
        40,
    ),
    "wood_craft": (
        "Làng nghề mộc ở Thuận Châu giữ nghề truyền thống",
        "Các xưởng mộc nhận đơn hàng bàn ghế dịp Tết.",
        "<p>Gỗ được thu mua từ các hộ trồng rừng.</p>",
        3,
    ),
    "reservoir": (
        "Hồ thủy điện Sơn La mùa nước lên",
        "Lòng hồ trên địa bàn huyện Quỳnh Nhai trở thành điểm du lịch mới.",
        "<p>Nhiều hộ dân nuôi cá lồng trên hồ.</p>",
        50,
    ),
    "small_hydro": (
        "Thuỷ điện nhỏ phải vận hành an toàn mùa lũ",
        "Sở Công Thương yêu cầu các nhà máy thuỷ điện rà soát quy trình xả lũ.",
        "<p>Toàn tỉnh có 68 nhà máy thuỷ điện.</p>",
        6,
    ),
    "teacher_thuy": (
        "Lớp học có điện mới của cô giáo Thủy",
        "Điểm trường bản Híp vừa được kéo lưới điện.",
        "<p>Cô giáo Lò Thị Thủy gắn bó với điểm trường đã tám năm.</p>",
        0.5,
    ),
    "mediation": (
        "Tổ hòa giải ở cơ sở giữ bình yên thôn bản",
        "Năm qua, các tổ hoà giải đã giải quyết thành công 300 vụ việc.",
        "<p>Nhiều hòa giải viên là người có uy tín trong cộng đồng.</p>",
        14,
    ),
    "flower_festival": (
        "Lễ hội Hoa ban trao giải cuộc thi ảnh",
        "Hơn 200 tác phẩm ảnh về hoa ban dự thi.",
        "<p>Giải nhất thuộc về một nhiếp ảnh gia trẻ.</p>",
        4,
    ),
    "health_check": (
        "Khám sức khoẻ miễn phí cho người cao tuổi",
        "Hơn 400 người cao tuổi được khám và cấp thuốc.",
        "<p>Các bác sĩ tư vấn cách giữ gìn sức khoẻ mùa lạnh.</p>",
        15,
    ),
    "chairman": (
        "Chủ tịch UBND tỉnh kiểm tra tiến độ dự án đường cao tốc",
        "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các nhà thầu đẩy nhanh tiến độ.",
        "<p>Đoàn công tác đã đến các công trường trọng điểm.</p>",
        10,
    ),
    "vice_chairman": (
        "Phó Chủ tịch tỉnh làm việc với huyện Sông Mã",
        "Đồng chí Phó Chủ tịch UBND tỉnh ghi nhận kết quả giảm nghèo của huyện.",
        "<p>Huyện còn nhiều khó khăn về giao thông.</p>",
        9,
    ),
    "seizure": (
        "Quản lý thị trường tịch thu 200 kg nầm bò không rõ nguồn gốc",
        "Chủ hàng không xuất trình được hóa đơn.",
        "<p>Lô hàng được vận chuyển từ tỉnh khác.</p>",
        1.2,
    ),
    "party_secretary": (
        "Bí thư Tỉnh ủy thăm gia đình chính sách",
        "Nhân dịp 27/7, đồng chí Bí thư đến thăm, tặng quà các gia đình có công.",
        "<p>Tỉnh có hơn 6.000 người có công với cách mạng.</p>",
        35,
    ),
    "squash": (
        "Bí quyết trồng bí xanh trái vụ",
        "Lá thư của một nông dân gửi tòa soạn chia sẻ kinh nghiệm.",
        "<p>Bí xanh trái vụ bán được giá cao.</p>",
        1.1,
    ),
    "economy": (
        "Kinh tế tỉnh tăng trưởng 7,2%",
        "Công nghiệp chế biến và du lịch dẫn dắt tăng trưởng.",
        "<p>Thu ngân sách vượt dự toán.</p>",
        25,
    ),
    "clinic": (
        "Trạm y tế xã chia sẻ kinh nghiệm phòng dịch",
        "Cán bộ trạm y tế đến từng hộ hướng dẫn vệ sinh.",
        "<p>Không có ca bệnh mới trong tháng.</p>",
        0.8,
    ),
    "road_safety": (
        "Tháng cao điểm an toàn giao thông dịp Tết",
        "Lực lượng cảnh sát tăng cường tuần tra trên các tuyến quốc lộ.",
        "<p>Người điều khiển xe không uống rượu bia.</p>",
        45,
    ),
}

JUDGMENTS = [
    # Two-syllable words, with and without diacritics, in capitals.
    ("dân vận", [("dan_van_title",), ("dan_van_sapo",), ("dan_van_body",)]),
    ("dan van", [("dan_van_title", "dan_van_ho"), ("dan_van_sapo",), ("dan_van_body",)]),
    ("DÂN VẬN", [("dan_van_title",), ("dan_van_sapo",), ("dan_van_body",)]),
    ("dân van", [("dan_van_title", "dan_van_ho")]),
    ('"dân vận khéo"', [("dan_van_title",)]),
    ("kinh te", [("economy",)]),
    ("KINH TẾ", [("economy",)]),
    ("du lịch", [("son_la_title",), ("reservoir", "economy")]),
    ("sức khỏe", [("health_check",)]),
    ("suc khoe", [("health_check",)]),
    # Three syllables and more.
    ("nông thôn mới", [("dan_van_body",)]),
    ("an toan giao thong", [("road_safety",)]),
    ("hồ thủy điện", [("reservoir",)]),
    ("thủy điện Sơn La", [("reservoir",)]),
    # Tone placement: hoà/hòa, thuỷ/thủy, khoẻ/khỏe, uỷ/ủy are one word.
    ("thủy điện", [("reservoir", "small_hydro")]),
    ("thuỷ điện", [("reservoir", "small_hydro")]),
    ("thuy dien", [("reservoir", "small_hydro")]),
    ("hòa giải", [("mediation",)]),
    ("hoà giải", [("mediation",)]),
    ("hoa giai", [("mediation",)]),
    ("sức khoẻ", [("health_check",)]),
    # Place names.
    ("Sơn La", [("son_la_title", "reservoir"), ("dan_van_sapo",)]),
    ("son la", [("son_la_title", "reservoir"), ("dan_van_sapo",)]),
    ("SƠN LA", [("son_la_title", "reservoir"), ("dan_van_sapo",)]),
    ("Mộc Châu", [("moc_chau",), ("son_la_title",)]),
    ("thuận châu", [("wood_craft",)]),
    ("Vân Hồ", [("dan_van_ho",)]),
    ("van ho", [("dan_van_ho",)]),
    ("Mường La", [("dan_van_body",)]),
    ("song ma", [("vice_chairman",)]),
    ("Quỳnh Nhai", [("reservoir",)]),
    ("Tà Xùa", [("son_la_title",)]),
    # Officials' titles.
    ("chủ tịch UBND tỉnh", [("chairman",), ("vice_chairman",)]),
    ("CHỦ TỊCH", [("chairman", "vice_chairman")]),
    ("pho chu tich", [("vice_chairman",)]),
    ("bí thư tỉnh ủy", [("party_secretary",)]),
    ("bi thu", [("party_secretary",)]),
    ("tỉnh uỷ", [("party_secretary",), ("dan_van_sapo",)]),
    # One syllable.
    ("chè", [("phu_van_road",)]),
    ("mận", [("dan_van_ho",)]),
    ("lũ", [("small_hydro",), ("weather",)]),
    ("vận", [("dan_van_title", "small_hydro")]),
    ("hoa ban", [("flower_festival",)]),
]
