//go:build ignore

// sidebyside puts PNG images next to each other, left to right, on white
// with a gray rule between them: go run sidebyside.go OUT.png IN.png...
package main

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"log"
	"os"
)

func main() {
	if len(os.Args) < 3 {
		log.Fatal("usage: go run sidebyside.go OUT.png IN.png...")
	}
	var imgs []image.Image
	w, h := 0, 0
	for _, name := range os.Args[2:] {
		f, err := os.Open(name)
		if err != nil {
			log.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		imgs = append(imgs, img)
		w += img.Bounds().Dx() + 4
		h = max(h, img.Bounds().Dy())
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(out, out.Bounds(), image.NewUniform(color.Gray{0x99}), image.Point{}, draw.Src)
	x := 0
	for _, img := range imgs {
		r := image.Rect(x, 0, x+img.Bounds().Dx(), h)
		draw.Draw(out, r, image.White, image.Point{}, draw.Src)
		draw.Draw(out, r, img, img.Bounds().Min, draw.Src)
		x += img.Bounds().Dx() + 4
	}
	f, err := os.Create(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, out); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
