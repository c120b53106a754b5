;; SIMD twins of the CPU backend's two hot loops (src/backends/cpu/kernels.ts). Every f32x4 lane
;; performs the same single-precision operations, in the same order, as the TypeScript reference
;; (one rounding per product and per sum), so results are bit-identical to it.
;; Build: node scripts/build-wasm.mjs (writes kernels.wasm.ts); a test checks the two agree.
(module
  (memory (import "env" "memory") 1)

  ;; out[r][c] = Σ_k op(A)[r][k] · B[k][c] in k order, skipping zero op(A)[r][k].
  ;; op(A)[r][k] is at a + 4·(r·aRow + k·aK); B is [inner][cols]; out is [rows][cols]. Byte pointers.
  (func (export "matmul")
    (param $a i32) (param $b i32) (param $out i32)
    (param $rows i32) (param $inner i32) (param $cols i32) (param $aRow i32) (param $aK i32)
    (local $r i32) (local $k i32) (local $c i32) (local $cols4 i32)
    (local $orow i32) (local $brow i32) (local $av f32) (local $avv v128) (local $p i32)
    (local.set $cols4 (i32.and (local.get $cols) (i32.const -4)))
    (block $rows_done
      (loop $rows_loop
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $orow (i32.add (local.get $out) (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 2))))
        (memory.fill (local.get $orow) (i32.const 0) (i32.shl (local.get $cols) (i32.const 2)))
        (local.set $k (i32.const 0))
        (block $k_done
          (loop $k_loop
            (br_if $k_done (i32.ge_u (local.get $k) (local.get $inner)))
            (local.set $av (f32.load (i32.add (local.get $a)
              (i32.shl (i32.add (i32.mul (local.get $r) (local.get $aRow)) (i32.mul (local.get $k) (local.get $aK))) (i32.const 2)))))
            (if (f32.ne (local.get $av) (f32.const 0))
              (then
                (local.set $avv (f32x4.splat (local.get $av)))
                (local.set $brow (i32.add (local.get $b) (i32.shl (i32.mul (local.get $k) (local.get $cols)) (i32.const 2))))
                (local.set $c (i32.const 0))
                (block $v_done
                  (loop $v_loop
                    (br_if $v_done (i32.ge_u (local.get $c) (local.get $cols4)))
                    (local.set $p (i32.shl (local.get $c) (i32.const 2)))
                    (v128.store (i32.add (local.get $orow) (local.get $p))
                      (f32x4.add (v128.load (i32.add (local.get $orow) (local.get $p)))
                                 (f32x4.mul (local.get $avv) (v128.load (i32.add (local.get $brow) (local.get $p))))))
                    (local.set $c (i32.add (local.get $c) (i32.const 4)))
                    (br $v_loop)))
                (block $s_done
                  (loop $s_loop
                    (br_if $s_done (i32.ge_u (local.get $c) (local.get $cols)))
                    (local.set $p (i32.shl (local.get $c) (i32.const 2)))
                    (f32.store (i32.add (local.get $orow) (local.get $p))
                      (f32.add (f32.load (i32.add (local.get $orow) (local.get $p)))
                               (f32.mul (local.get $av) (f32.load (i32.add (local.get $brow) (local.get $p))))))
                    (local.set $c (i32.add (local.get $c) (i32.const 1)))
                    (br $s_loop)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $k_loop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows_loop)))
  )

  ;; One Adam/AdamW step over n elements (torch 1.13, float32 op by op), as kernels.ts's optimizer:
  ;;   decoupled: p ← p·decay            else: g ← g + wd·p
  ;;   m ← m·b1 + g·(1-b1);  v ← v·b2 + ((1-b2)·g)·g
  ;;   p ← p + (-step·m) / (sqrt(v)/bc2 + eps)
  (func (export "adam")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $decoupled i32) (param $wd f32) (param $decay f32) (param $b1 f32) (param $omb1 f32)
    (param $b2 f32) (param $omb2 f32) (param $bc2 f32) (param $eps f32) (param $negStep f32)
    (local $i i32) (local $o i32) (local $n4 i32)
    (local $pv v128) (local $gv v128) (local $mv v128) (local $vv v128)
    (local $ps f32) (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (block $v_done
      (loop $v_loop
        (br_if $v_done (i32.ge_u (local.get $i) (local.get $n4)))
        (local.set $o (i32.shl (local.get $i) (i32.const 2)))
        (local.set $pv (v128.load (i32.add (local.get $p) (local.get $o))))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $o))))
        (if (local.get $decoupled)
          (then (local.set $pv (f32x4.mul (local.get $pv) (f32x4.splat (local.get $decay)))))
          (else (if (f32.ne (local.get $wd) (f32.const 0))
            (then (local.set $gv (f32x4.add (local.get $gv) (f32x4.mul (f32x4.splat (local.get $wd)) (local.get $pv))))))))
        (local.set $mv (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $o))) (f32x4.splat (local.get $b1)))
                                  (f32x4.mul (local.get $gv) (f32x4.splat (local.get $omb1)))))
        (local.set $vv (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $o))) (f32x4.splat (local.get $b2)))
                                  (f32x4.mul (f32x4.mul (f32x4.splat (local.get $omb2)) (local.get $gv)) (local.get $gv))))
        (v128.store (i32.add (local.get $m) (local.get $o)) (local.get $mv))
        (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vv))
        (v128.store (i32.add (local.get $p) (local.get $o))
          (f32x4.add (local.get $pv)
            (f32x4.div (f32x4.mul (f32x4.splat (local.get $negStep)) (local.get $mv))
                       (f32x4.add (f32x4.div (f32x4.sqrt (local.get $vv)) (f32x4.splat (local.get $bc2))) (f32x4.splat (local.get $eps))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $v_loop)))
    (block $s_done
      (loop $s_loop
        (br_if $s_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $o (i32.shl (local.get $i) (i32.const 2)))
        (local.set $ps (f32.load (i32.add (local.get $p) (local.get $o))))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $o))))
        (if (local.get $decoupled)
          (then (local.set $ps (f32.mul (local.get $ps) (local.get $decay))))
          (else (if (f32.ne (local.get $wd) (f32.const 0))
            (then (local.set $gs (f32.add (local.get $gs) (f32.mul (local.get $wd) (local.get $ps))))))))
        (local.set $ms (f32.add (f32.mul (f32.load (i32.add (local.get $m) (local.get $o))) (local.get $b1)) (f32.mul (local.get $gs) (local.get $omb1))))
        (local.set $vs (f32.add (f32.mul (f32.load (i32.add (local.get $v) (local.get $o))) (local.get $b2))
                                (f32.mul (f32.mul (local.get $omb2) (local.get $gs)) (local.get $gs))))
        (f32.store (i32.add (local.get $m) (local.get $o)) (local.get $ms))
        (f32.store (i32.add (local.get $v) (local.get $o)) (local.get $vs))
        (f32.store (i32.add (local.get $p) (local.get $o))
          (f32.add (local.get $ps)
            (f32.div (f32.mul (local.get $negStep) (local.get $ms))
                     (f32.add (f32.div (f32.sqrt (local.get $vs)) (local.get $bc2)) (local.get $eps)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $s_loop)))
  )
)
