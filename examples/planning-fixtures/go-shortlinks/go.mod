module example.com/shortlinks

go 1.21
